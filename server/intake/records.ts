/**
 * What the host keeps for the intake (decision 019), on the sync server's store
 * (storage.ts, IntakeRecords): per intake id its registration — the public key and the
 * SHA-256 of the management secret — and the submissions waiting for the laptops, each a
 * sealed box with the time it arrived. Never a report in clear, never the private key.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IntakeBox } from '../../shared/intake/seal';
import type { IntakeRecords } from '../storage';

export interface Registration {
  publicKey: string;
  /** SHA-256 (base64url) of the secret a laptop shows to list, remove or re-register. */
  owner: string;
  registeredAt: string;
}

export interface Submission {
  reportId: string;
  receivedAt: string;
  box: IntakeBox;
}

const REG = (id: string) => `reg!${id}`;
const SUB = (id: string) => `sub!${id}!`;
const enc = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));
const dec = <T>(b: Uint8Array): T => JSON.parse(new TextDecoder().decode(b)) as T;

export const ownerOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('base64url');

export class IntakeBook {
  constructor(private readonly store: IntakeRecords) {}

  async registration(intakeId: string): Promise<Registration | undefined> {
    const raw = await this.store.intakeGet(REG(intakeId));
    return raw ? dec<Registration>(raw) : undefined;
  }

  async register(intakeId: string, reg: Registration): Promise<void> {
    await this.store.intakePut([{ key: REG(intakeId), value: enc(reg) }]);
  }

  /**
   * Stores one submission durably unless `cap` already wait for this intake (then 'full'),
   * counted and stored in one step: submissions arriving at the same moment, on this process
   * or another on the same Redis, cannot all see room for one more. Its id sorts by arrival.
   */
  async add(intakeId: string, box: IntakeBox, now: Date, cap: number): Promise<Submission | 'full'> {
    const reportId = `${now.getTime().toString(16).padStart(12, '0')}-${randomBytes(5).toString('hex')}`;
    const sub: Submission = { reportId, receivedAt: now.toISOString(), box };
    const stored = await this.store.intakeAddUnder(SUB(intakeId), cap, { key: `${SUB(intakeId)}${reportId}`, value: enc(sub) });
    return stored ? sub : 'full';
  }

  async list(intakeId: string, limit: number): Promise<Submission[]> {
    return (await this.store.intakeList(SUB(intakeId), limit)).map((r) => dec<Submission>(r.value));
  }

  async remove(intakeId: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.store.intakeDel(ids.map((id) => `${SUB(intakeId)}${id}`));
  }
}
