/**
 * Who may write to the workspace: devices with their public keys, the person using each
 * and their roles. The roster is itself carried as signed events, so every laptop that
 * has the same events agrees on it. Trust grows from one anchor: the workspace creator's
 * device is trusted by construction (its key comes with the invite), and a device is
 * trusted once an event adding it is signed by a device that is already trusted.
 *
 * Whose a device is, is not the signer's word alone (decision 063): a device named as the
 * founder's (the root's person), or as a person who already has a laptop in the roster, is
 * added only by a laptop of that same person. Another member's laptop may only bring in a
 * person the roster does not know yet — an invite of someone new.
 */
import * as v from 'valibot';
import type { HonbuEvent } from '../events/event';
import { importVerifyKey } from './device-key';
import { DEVICE_ADDED, DEVICE_KEY_PUBLISHED, DEVICE_REVOKED, syncEvents, type DeviceAddedPayload } from './events';

export { DEVICE_ADDED, DEVICE_KEY_PUBLISHED, DEVICE_REVOKED } from './events';
export type { DeviceAddedPayload, DeviceRevokedPayload } from './events';

/** The trust anchor: the creator's device, known from the workspace itself or from the invite. */
export interface RosterRoot {
  deviceId: string;
  publicKey: string;
  personId: string;
}

export interface RosterDevice extends DeviceAddedPayload {
  /** Device whose signed event added it; null for the root. */
  addedBy: string | null;
  revoked: boolean;
  revokedBy: string | null;
  /** Clock of the (earliest) revocation: the device's events stamped before it still count. */
  revokedAt: string | null;
}

export type DeviceTrust = 'trusted' | 'revoked' | 'unknown';

/**
 * Why a roster event was not applied. 'person-of-another': a device named as a person who
 * already has laptops (or the founder), by a device that is not that person's; or a device
 * already in the roster named again by someone else than its person (its adder only with the
 * payload it added it with). 'malformed-roster-event': a payload that does not parse, or an
 * event filed under an incident (the roster is the workspace's). 'key-conflict': a device's
 * key other than the one it was added with, or an X25519 key it lacked given by anyone but itself.
 */
export type RosterRefusal = 'untrusted-signer' | 'key-conflict' | 'malformed-roster-event' | 'root-revocation' | 'person-of-another';

/** A device's addition as compared when its adder applies it again: every field, in one order. */
const asAdded = (p: DeviceAddedPayload): string => JSON.stringify([p.deviceId, p.publicKey, p.agreementKey ?? null, p.personId, p.personName, p.roles]);

export function isRosterEvent(e: Pick<HonbuEvent, 'type'>): boolean {
  return e.type === DEVICE_ADDED || e.type === DEVICE_REVOKED || e.type === DEVICE_KEY_PUBLISHED;
}

export class Roster {
  private readonly devices = new Map<string, RosterDevice>();
  private readonly verifyKeys = new Map<string, Promise<CryptoKey>>();
  /** Clock of the event that last set a device's name and roles (last writer wins, like every fold). */
  private readonly stamps = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  /** Revocations that arrived before the device's addition: applied when it is added. */
  private readonly early = new Map<string, { by: string; at: string }>();
  /** Devices whose addition was refused as another person's ('person-of-another'): what they sign is listed, not applied. */
  private readonly refusedDevices = new Set<string>();
  /** The payload each device was added with (`asAdded`): its adder may apply only that again. */
  private readonly addedAs = new Map<string, string>();

  constructor(readonly root: RosterRoot) {
    this.devices.set(root.deviceId, {
      deviceId: root.deviceId,
      publicKey: root.publicKey,
      personId: root.personId,
      personName: '',
      roles: [],
      addedBy: null,
      revoked: false,
      revokedBy: null,
      revokedAt: null,
    });
  }

  /**
   * Whether a device may sign — at all, or, given a clock, at that moment. Revocation
   * takes effect from its own clock on, so every laptop accepts the same events of a
   * revoked device whatever order they arrived in (convergence). The price: a revoked
   * device that backdates its clock is believed; revoke early, and rotate the workspace
   * key when a laptop is lost.
   */
  trust(deviceId: string, at?: string): DeviceTrust {
    const d = this.devices.get(deviceId);
    if (!d) return 'unknown';
    if (!d.revoked) return 'trusted';
    return at !== undefined && d.revokedAt !== null && at < d.revokedAt ? 'trusted' : 'revoked';
  }

  device(deviceId: string): RosterDevice | undefined {
    return this.devices.get(deviceId);
  }

  /** A device not in the roster because the event adding it named another person (see `apply`). */
  refused(deviceId: string): boolean {
    return this.refusedDevices.has(deviceId) && !this.devices.has(deviceId);
  }

  list(): RosterDevice[] {
    return [...this.devices.values()].map((d) => ({ ...d, roles: [...d.roles] }));
  }

  /** Called whenever a device is added, changed or revoked. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The device's verification key, imported once. */
  verifyKey(deviceId: string): Promise<CryptoKey> {
    const d = this.devices.get(deviceId);
    if (!d) return Promise.reject(new Error(`roster: unknown device ${deviceId}`));
    let key = this.verifyKeys.get(deviceId);
    if (!key) {
      key = importVerifyKey(d.publicKey);
      this.verifyKeys.set(deviceId, key);
    }
    return key;
  }

  /**
   * Applies a roster event signed by `signer` (the envelope's verified device, or this
   * laptop for its own events). Returns null when applied or when the event is not a
   * roster event; otherwise why it was refused. Applying the same event twice is harmless.
   */
  apply(event: HonbuEvent, signer: string): RosterRefusal | null {
    if (!isRosterEvent(event)) return null;
    // The roster is the workspace's: every roster built from the store reads workspace events
    // only, so one filed under an incident would count here live and be gone after a restart.
    if (event.incidentId !== null) return 'malformed-roster-event';
    if (this.trust(signer, event.at) !== 'trusted') return 'untrusted-signer';
    // Parsed again here: the roster decides who may write, so it never trusts a payload it has not checked.
    if (event.type === DEVICE_KEY_PUBLISHED) return this.publish(event, signer);
    const revoked = event.type === DEVICE_REVOKED ? v.safeParse(syncEvents[DEVICE_REVOKED], event.payload) : null;
    const added = event.type === DEVICE_ADDED ? v.safeParse(syncEvents[DEVICE_ADDED], event.payload) : null;
    if (revoked) {
      if (!revoked.success) return 'malformed-roster-event';
      const p = revoked.output;
      // Anyone trusted can cut off a lost laptop, but only the root itself can retire the
      // root: otherwise one stolen laptop could lock the whole team out of its own roster.
      if (p.deviceId === this.root.deviceId && signer !== this.root.deviceId) return 'root-revocation';
      const d = this.devices.get(p.deviceId);
      if (!d) {
        const prev = this.early.get(p.deviceId);
        if (!prev || event.at < prev.at) this.early.set(p.deviceId, { by: signer, at: event.at });
        return null;
      }
      // The earliest revocation wins, whichever arrives first.
      if (d.revoked && d.revokedAt !== null && d.revokedAt <= event.at) return null;
      d.revoked = true;
      d.revokedBy = signer;
      d.revokedAt = event.at;
      this.notify();
      return null;
    }
    if (!added?.success) return 'malformed-roster-event';
    const p: DeviceAddedPayload = added.output;
    const existing = this.devices.get(p.deviceId);
    const judged = this.judgeAddition(p, signer, existing);
    if (judged === 'unchanged') return null;
    if (judged) {
      if (judged === 'person-of-another' && !existing) this.refusedDevices.add(p.deviceId);
      return judged;
    }
    if (!existing) this.addedAs.set(p.deviceId, asAdded(p));
    const agreementKey = existing?.agreementKey ?? p.agreementKey;
    if (existing && !existing.agreementKey && agreementKey) {
      existing.agreementKey = agreementKey;
      this.notify();
    }
    const stamp = this.stamps.get(p.deviceId);
    if (stamp !== undefined && stamp >= event.at) return null;
    this.stamps.set(p.deviceId, event.at);
    this.devices.set(p.deviceId, {
      deviceId: p.deviceId,
      publicKey: p.publicKey,
      ...(agreementKey ? { agreementKey } : {}),
      personId: p.personId,
      personName: p.personName,
      roles: [...p.roles],
      addedBy: existing ? existing.addedBy : p.deviceId === this.root.deviceId ? null : signer,
      revoked: existing?.revoked ?? this.early.has(p.deviceId),
      revokedBy: existing?.revokedBy ?? this.early.get(p.deviceId)?.by ?? null,
      revokedAt: existing?.revokedAt ?? this.early.get(p.deviceId)?.at ?? null,
    });
    this.notify();
    return null;
  }

  /**
   * Whether an addition of `p` signed by `signer` would be applied now, nothing changed: the
   * invite host asks before it signs one, so it never stores, sends or hands over an addition
   * its own roster refuses.
   */
  admits(p: DeviceAddedPayload, signer: string): RosterRefusal | null {
    if (this.trust(signer) !== 'trusted') return 'untrusted-signer';
    const judged = this.judgeAddition(p, signer, this.devices.get(p.deviceId));
    return judged === 'unchanged' ? null : judged;
  }

  /** Why an addition of `p` by `signer` (trusted) is refused; 'unchanged' when it is its adder's own again. */
  private judgeAddition(p: DeviceAddedPayload, signer: string, existing: RosterDevice | undefined): RosterRefusal | 'unchanged' | null {
    // A device id is bound to its first key for good: re-adding it with another key would
    // let whoever signs the second event impersonate the device.
    if (existing && existing.publicKey !== p.publicKey) return 'key-conflict';
    if (existing && existing.personId !== p.personId) return 'key-conflict';
    // The X25519 key is bound the same way: epoch keys sealed to a swapped key would go to whoever holds it.
    if (existing?.agreementKey && p.agreementKey && existing.agreementKey !== p.agreementKey) return 'key-conflict';
    if (!existing) return this.mayAdd(p, signer) ? null : 'person-of-another';
    const itself = signer === p.deviceId;
    if (!itself && this.devices.get(signer)?.personId !== p.personId) {
      // Its adder may apply its addition again — harmless, nothing changes; nobody else names it.
      return existing.addedBy === signer && this.addedAs.get(p.deviceId) === asAdded(p) ? 'unchanged' : 'person-of-another';
    }
    // The X25519 key a device lacked is given only by the device itself (its own addition, or
    // DEVICE_KEY_PUBLISHED): another laptop, even its person's, would choose where epoch keys go.
    if (!existing.agreementKey && p.agreementKey && !itself) return 'key-conflict';
    return null;
  }

  /**
   * Whether `signer` (trusted) may add device `p.deviceId`, new to the roster, as
   * `p.personId`'s. A person's own laptop may add another of theirs (the founder's first
   * device, signed by itself, too). Anyone else may not name the founder, nor a person who
   * already has a laptop here — revoked ones count: a person whose laptops are all revoked is
   * invited again as someone new, so nobody can take a removed member's name and roles. A
   * device already in the roster (its key and person bound) is named again only by its own
   * person (its name; its X25519 key only by itself) or, with the very payload that added it,
   * by its adder (see `apply`).
   */
  private mayAdd(p: DeviceAddedPayload, signer: string): boolean {
    if (this.devices.get(signer)?.personId === p.personId) return true;
    if (p.personId === this.root.personId) return false;
    for (const d of this.devices.values()) if (d.personId === p.personId) return false;
    return true;
  }

  /** A device publishes its own X25519 key (devices added before key epochs); bound to the first one. */
  private publish(event: HonbuEvent, signer: string): RosterRefusal | null {
    const parsed = v.safeParse(syncEvents[DEVICE_KEY_PUBLISHED], event.payload);
    if (!parsed.success) return 'malformed-roster-event';
    const { deviceId, agreementKey } = parsed.output;
    // Only the device itself: nobody else may choose the key its epoch keys are sealed to.
    if (signer !== deviceId) return 'untrusted-signer';
    const d = this.devices.get(deviceId);
    if (!d) return 'untrusted-signer';
    if (d.agreementKey === agreementKey) return null;
    if (d.agreementKey) return 'key-conflict';
    d.agreementKey = agreementKey;
    this.notify();
    return null;
  }

  /**
   * Builds the roster from stored events in any order: events whose signer is not yet
   * trusted are retried after each pass, so a chain of additions resolves whatever order
   * the events were stored in. `signerOf` names the device that signed each event. A stored
   * event the rules refuse (one kept by a version before them: a device named as another
   * person's, decision 063) is left out: its device is simply not trusted. `refused` hears
   * each event left out, and why.
   */
  static fromEvents(root: RosterRoot, events: HonbuEvent[], signerOf: (e: HonbuEvent) => string, refused?: (e: HonbuEvent, reason: RosterRefusal) => void): Roster {
    const roster = new Roster(root);
    let todo = events.filter(isRosterEvent);
    for (;;) {
      const next: HonbuEvent[] = [];
      for (const e of todo) {
        const reason = roster.apply(e, signerOf(e));
        if (reason === 'untrusted-signer') next.push(e);
        else if (reason) refused?.(e, reason);
      }
      if (next.length === todo.length) {
        for (const e of next) refused?.(e, 'untrusted-signer');
        break;
      }
      todo = next;
    }
    return roster;
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
