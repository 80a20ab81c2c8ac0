/**
 * Why the sync server closes a connection: the WebSocket close codes it uses, shared by the
 * server that sends them and the laptops that tell their user what happened.
 */
export const CLOSE = { refused: 4400, notMember: 4403, frozen: 4409, gone: 4410, idle: 4408, tooLarge: 4413, rate: 4429, storage: 4503, tooMany: 4508 } as const;

/**
 * What a person needs to know of a refusal: the server's disk failed or is full (it will
 * take the changes later), a limit was reached (too much too fast, too large), this laptop
 * is not (or no longer) a member, or something this laptop sent was refused.
 */
export type RefusalKind = 'storage' | 'limit' | 'not-member' | 'refused';

export function refusalKind(code: number): RefusalKind {
  switch (code) {
    case CLOSE.storage:
      return 'storage';
    case CLOSE.tooLarge:
    case CLOSE.rate:
    case CLOSE.tooMany:
    case CLOSE.idle:
      return 'limit';
    case CLOSE.notMember:
    case CLOSE.gone:
      return 'not-member';
    default:
      return 'refused';
  }
}
