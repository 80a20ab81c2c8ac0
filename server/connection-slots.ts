/**
 * Who holds the server's websockets, per remote address, in two counts. A socket that has
 * not yet shown a member's credential counts against a small cap (a keyless client opening
 * sockets by the hundred is refused at once); once it has, it counts against a larger one.
 * An office whose laptops all reach the server from one address (one NAT) then has room for
 * a large crisis team — each laptop holds its room, a list socket and an alert round, and 25
 * responders behind one address would fill 64 places — while an address stays bounded even
 * for a client that invents credentials of its own (anyone can: it gets empty rooms of its
 * own, decision 005), which is why the larger count is still per address and not per team.
 */
export interface Slot {
  readonly address: string;
  member?: boolean;
  released?: boolean;
}

export class ConnectionSlots {
  private readonly unproven = new Map<string, number>();
  private readonly members = new Map<string, number>();

  constructor(
    private readonly perAddress: number,
    private readonly membersPerAddress: number,
  ) {}

  /** A new socket from `address`; null when the address already holds its cap of unproven sockets. */
  admit(address: string): Slot | null {
    const open = this.unproven.get(address) ?? 0;
    if (open >= this.perAddress) return null;
    this.unproven.set(address, open + 1);
    return { address };
  }

  /** The socket showed a member's credential: its place moves to the members' count. False (nothing moved) when that is full. */
  promote(slot: Slot): boolean {
    if (slot.released) return false;
    if (slot.member) return true;
    const open = this.members.get(slot.address) ?? 0;
    if (open >= this.membersPerAddress) return false;
    this.members.set(slot.address, open + 1);
    drop(this.unproven, slot.address);
    slot.member = true;
    return true;
  }

  release(slot: Slot): void {
    if (slot.released) return;
    slot.released = true;
    drop(slot.member ? this.members : this.unproven, slot.address);
  }

  /** Places held now, over all addresses (tests). */
  held(): { unproven: number; members: number } {
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    return { unproven: sum(this.unproven), members: sum(this.members) };
  }
}

function drop(m: Map<string, number>, key: string): void {
  const n = (m.get(key) ?? 1) - 1;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}
