/**
 * One request's dependencies: the data layer tells it what it read (ReadDependencies), and it
 * keeps them as tags for the answer, learning records' parents and accounts' numbers on the way.
 */
import type { ReadDependencies } from '../domain/dependencies';
import { OBJECTS } from '../salesforce/objects';
import type { RecordIndex } from './record-index';
import { ANY_PHONE, listTag, anyListTag, objectTag, phoneTag, recordTag, searchTag } from './tags';

type Row = Record<string, unknown>;
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (row: Row) => (isRow(row.attributes) ? (row.attributes.type as string | undefined) : undefined);

export class AnswerDependencies implements ReadDependencies {
  readonly tags = new Set<string>();
  /** The objects the answer holds or lists. */
  readonly objects = new Set<string>();

  constructor(
    private readonly index: RecordIndex,
    /** The phone tag of a stored number, as the lookup reads it (null: not a number). */
    private readonly phoneTagOf: (stored: string) => string | null,
  ) {}

  rows(rows: readonly unknown[]): void {
    for (const row of rows) if (isRow(row)) this.walk(row, null);
  }

  records(ids: readonly string[]): void {
    for (const id of ids) this.tags.add(recordTag(id));
  }

  lists(object: string, parentIds: readonly string[]): void {
    this.objects.add(object);
    this.tags.add(anyListTag(object));
    this.tags.add(objectTag(object));
    for (const id of parentIds) this.tags.add(listTag(object, id));
  }

  phone(nationalNumber: string): void {
    this.tags.add(ANY_PHONE);
    const tag = phoneTag(nationalNumber);
    if (tag) this.tags.add(tag);
  }

  search(object: string): void {
    this.objects.add(object);
    this.tags.add(searchTag(object));
    this.tags.add(objectTag(object));
  }

  /** A record, the records it names (`Account` beside `AccountId`), and its subqueries' rows. */
  private walk(row: Row, parentId: string | null, fallbackId?: string): void {
    const object = typeOf(row);
    const id = typeof row.Id === 'string' ? row.Id : fallbackId;
    if (object && id) {
      this.objects.add(object);
      this.tags.add(recordTag(id));
      this.tags.add(objectTag(object));
      const info = OBJECTS[object];
      for (const field of info?.parents ?? []) if (typeof row[field] === 'string' && row[field]) this.index.addParent(id, row[field] as string);
      if (parentId) this.index.addParent(id, parentId);
      // An account's Phone, which the lookup's account arm matches: learned when read.
      if (object === 'Account' && 'Phone' in row)
        this.index.setPhones(id, typeof row.Phone === 'string' && row.Phone ? [this.phoneTagOf(row.Phone) ?? ANY_PHONE] : []);
    }
    for (const [key, value] of Object.entries(row)) {
      if (key === 'attributes' || !isRow(value)) continue;
      if (Array.isArray(value.records)) {
        for (const child of value.records) if (isRow(child)) this.walk(child, id ?? null);
      } else if (typeOf(value)) {
        // A parent named through a relationship (Account, Who, Foo__r): its Id, or the reference field's.
        const reference = key.endsWith('__r') ? `${key.slice(0, -3)}__c` : `${key}Id`;
        this.walk(value, null, typeof row[reference] === 'string' ? (row[reference] as string) : undefined);
      }
    }
  }
}
