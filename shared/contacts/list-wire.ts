/** Op and status codes of the customer-list channel (server/list-channel.ts, renderer/src/sync/list-channel.ts). */
export const LIST_OP = { get: 1, put: 2, getSlot: 3, putSlot: 4 } as const;
export const LIST_STATUS = { ok: 0, missing: 1, bad: 2, quota: 3, taken: 4 } as const;
/** The path of the channel on the sync server. */
export const LIST_PATH = '/lists';
