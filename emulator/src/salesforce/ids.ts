/**
 * Salesforce record Ids for the emulator: 15 case-sensitive characters plus a 3-character
 * checksum that makes the 18-character form case-insensitive.
 * https://help.salesforce.com/s/articleView?id=000385008&type=1 (docs/salesforce-facts.md#limits-ids-and-objects)
 */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id: string): string {
  return id.length === 15 ? id + idChecksum(id) : id;
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 18-character form when `id` is a well-formed Id (checksum verified), else null. */
export function normaliseId(id: string): string | null {
  if (!ID_PATTERN.test(id)) return null;
  const base = id.slice(0, 15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== idChecksum(base)) return null;
  return base + idChecksum(base);
}

/** Sequential Ids per key prefix, so the seeded org gets the same Ids on every run. */
export class IdAllocator {
  private readonly next = new Map<string, number>();

  allocate(prefix: string): string {
    const n = (this.next.get(prefix) ?? 0) + 1;
    this.next.set(prefix, n);
    let body = '';
    for (let v = n; v > 0; v = Math.floor(v / 62)) body = BASE62[v % 62] + body;
    // "5g" imitates the pod/instance characters that follow the key prefix in real Ids.
    const id15 = `${prefix}5g${body.padStart(10, '0')}`;
    return id15 + idChecksum(id15);
  }

  snapshot(): Map<string, number> {
    return new Map(this.next);
  }

  restore(state: Map<string, number>): void {
    this.next.clear();
    for (const [k, v] of state) this.next.set(k, v);
  }
}
