/**
 * A workspace is one database: its vault record, the identity of this device and of
 * the person using it, and the event store opened with the unlocked key.
 */
import type { ProfileFields } from '../../../shared/people/profile';
import { changePassphrase, createVault, type KdfCost, unlockVault, vaultFromMasterKey, type VaultKeys, type VaultRecord } from '../../../shared/vault/vault';
import { DEFAULT_KDF_COST, type KdfRunner } from '../../../shared/vault/kdf';
import type { HonbuDb } from './db';
import { EventStore, type Now } from './event-store';
import { ALL_PROJECTIONS } from './projections';

export interface Identity {
  deviceId: string;
  personId: string;
}

const VAULT_KEY = 'vault';
const IDENTITY_KEY = 'identity';

export async function readVaultRecord(db: HonbuDb): Promise<VaultRecord | undefined> {
  return (await db.meta.get(VAULT_KEY))?.value as VaultRecord | undefined;
}

/**
 * Checked again in the transaction that writes the vault: another setup (another tab, the form
 * sent twice) may have written one while this one's key was derived, and a second vault would
 * leave the first one's data sealed by a key no record holds.
 */
async function refuseSecondVault(db: HonbuDb): Promise<void> {
  if (await db.meta.get(VAULT_KEY)) throw new WorkspaceExistsError();
}

/** This laptop (this browser profile) has a workspace already: it is unlocked, not set up again. */
export class WorkspaceExistsError extends Error {
  constructor() {
    super('workspace: already exists');
    this.name = 'WorkspaceExistsError';
  }
}

async function readIdentity(db: HonbuDb): Promise<Identity> {
  const identity = (await db.meta.get(IDENTITY_KEY))?.value as Identity | undefined;
  if (!identity) throw new Error('workspace: identity missing; the database is damaged');
  return identity;
}

export interface OpenWorkspace {
  store: EventStore;
  identity: Identity;
}

function openStore(db: HonbuDb, keys: VaultKeys, identity: Identity, now?: Now): EventStore {
  return new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: identity.deviceId, actor: identity.personId }, now, keys.index);
}

export async function createWorkspace(
  db: HonbuDb,
  passphrase: string,
  profile: Pick<ProfileFields, 'name'> & Partial<ProfileFields>,
  options: { cost?: KdfCost; now?: Now; derive?: KdfRunner } = {},
): Promise<OpenWorkspace> {
  if (await readVaultRecord(db)) throw new WorkspaceExistsError();
  const { record, keys } = await createVault(passphrase, options.cost ?? DEFAULT_KDF_COST, options.derive);
  const identity: Identity = { deviceId: crypto.randomUUID(), personId: crypto.randomUUID() };
  await db.transaction('rw', db.meta, async () => {
    await refuseSecondVault(db);
    await db.meta.put({ key: VAULT_KEY, value: record });
    await db.meta.put({ key: IDENTITY_KEY, value: identity });
  });
  const store = openStore(db, keys, identity, options.now);
  await store.append([
    { type: 'people.profile-saved', incidentId: null, payload: { personId: identity.personId, roles: [], ...profile } },
  ]);
  return { store, identity };
}

/**
 * A workspace around a master key received with a team invite: the joiner's own vault
 * (their own passphrase wraps the team's key) and their own identity, chosen before
 * redeeming because the invite admits that device and person.
 */
export async function joinWorkspace(
  db: HonbuDb,
  masterKey: Uint8Array,
  passphrase: string,
  identity: Identity,
  profile: Pick<ProfileFields, 'name'> & Partial<ProfileFields>,
  options: { cost?: KdfCost; now?: Now; derive?: KdfRunner } = {},
): Promise<OpenWorkspace> {
  if (await readVaultRecord(db)) throw new WorkspaceExistsError();
  const { record, keys } = await vaultFromMasterKey(masterKey, passphrase, options.cost ?? DEFAULT_KDF_COST, Date.now(), options.derive);
  await db.transaction('rw', db.meta, async () => {
    await refuseSecondVault(db);
    await db.meta.put({ key: VAULT_KEY, value: record });
    await db.meta.put({ key: IDENTITY_KEY, value: identity });
  });
  const store = openStore(db, keys, identity, options.now);
  await store.append([
    { type: 'people.profile-saved', incidentId: null, payload: { personId: identity.personId, roles: [], ...profile } },
  ]);
  return { store, identity };
}

/**
 * Throws WrongPassphraseError (and opens nothing) when the passphrase is wrong. `derive`
 * runs Argon2id elsewhere (a worker); the identity is read while it runs.
 */
export async function unlockWorkspace(db: HonbuDb, passphrase: string, now?: Now, derive?: KdfRunner): Promise<OpenWorkspace> {
  const record = await readVaultRecord(db);
  if (!record) throw new Error('workspace: none to unlock');
  const [keys, identity] = await Promise.all([unlockVault(record, passphrase, derive), readIdentity(db)]);
  const store = openStore(db, keys, identity, now);
  // The first write's clock read now, beside what follows, not when a call result is recorded.
  store.primeClock();
  // Tables a migration added are built from the events once, now that they can be opened.
  await store.buildPendingProjections();
  return { store, identity };
}

export async function changeWorkspacePassphrase(db: HonbuDb, oldPassphrase: string, newPassphrase: string, derive?: KdfRunner): Promise<void> {
  const record = await readVaultRecord(db);
  if (!record) throw new Error('workspace: none to change');
  const next = await changePassphrase(record, oldPassphrase, newPassphrase, record.kdf, derive);
  await db.meta.put({ key: VAULT_KEY, value: next });
}
