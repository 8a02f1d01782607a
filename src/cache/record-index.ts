/**
 * What the gateway has learned of records from its own reads, writes and change events: each
 * record's parents (whose lists show it) and each account's phone numbers. A change event that
 * does not carry a record's parent (an UPDATE carries only changed and enriched fields) is
 * resolved through it; what it does not know drops every list of the object instead. Bounded
 * (least recently used out) and per process: another replica that does not know a record only
 * drops more.
 */
import { LRUCache } from 'lru-cache';

/** Parents kept per record at most (a record moved between customers keeps its old one too). */
const MAX_PARENTS = 4;

export class RecordIndex {
  private readonly parents: LRUCache<string, string[]>;
  private readonly phones: LRUCache<string, string[]>;

  constructor(max = 50_000) {
    this.parents = new LRUCache({ max });
    this.phones = new LRUCache({ max: Math.max(1, Math.floor(max / 5)) });
  }

  /**
   * Notes `parentId` as a parent of `id`. Parents are only ever added (a read that finished after
   * a move must not hide the new parent), up to a few per record.
   */
  addParent(id: string, parentId: string): void {
    const known = this.parents.get(id) ?? [];
    if (known.includes(parentId)) return;
    this.parents.set(id, [...known, parentId].slice(-MAX_PARENTS));
  }

  /** The parents of `id`, or null when nothing is known of it. */
  parentsOf(id: string): readonly string[] | null {
    return this.parents.get(id) ?? null;
  }

  /** Notes the phone tags of an account (its numbers as read). */
  setPhones(accountId: string, tags: readonly string[]): void {
    this.phones.set(accountId, [...tags]);
  }

  phonesOf(accountId: string): readonly string[] | null {
    return this.phones.get(accountId) ?? null;
  }

  clear(): void {
    this.parents.clear();
    this.phones.clear();
  }
}
