/**
 * Numbered schema versions. Each entry lists the Dexie stores as they are from that
 * version on; an upgrade function moves data when a version needs it. Never edit a
 * shipped version: add the next one (and its test in migrations.test.ts).
 */
import type { Transaction } from 'dexie';
export interface Migration {
    version: number;
    stores: Record<string, string | null>;
    upgrade?: (tx: Transaction) => Promise<void>;
}
export declare const MIGRATIONS: Migration[];
export declare const LATEST_VERSION: number;
