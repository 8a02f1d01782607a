/**
 * What a change drops, as tags, depending only on what Salesforce promises its change events carry
 * (Change Data Capture Developer Guide: an UPDATE carries its changed fields and any enriched ones;
 * a DELETE only enriched ones; what an UNDELETE carries is not documented, so nothing is assumed):
 * - the records themselves;
 * - the lists of each parent: from the change's values when it carries the parent field (a CREATE,
 *   a changed or an enriched field), else from the record index, else every list of the object;
 * - each phone number the change carries on a phone field, and, when a contact joins an account,
 *   the account's numbers (the lookup's account arm); a number it cannot read, or a restored
 *   record whose numbers it does not carry, drops every phone search;
 * - every query over the object (text searches, case numbers);
 * - a gap: everything that holds or lists the object, and every phone search where it has numbers.
 */
import type { Change, Written } from '../domain/dependencies';
import { OBJECTS, objectOfTypename, phoneFieldsOf } from '../salesforce/objects';
import type { RecordIndex } from './record-index';
import { ANY_PHONE, anyListTag, listTag, objectTag, recordTag, searchTag } from './tags';

export interface InvalidationContext {
  index: RecordIndex;
  /** The phone tag of a stored number (null: not a number). */
  phoneTagOf(stored: string): string | null;
  /** The org file's own phone fields on Contact. */
  orgPhoneFields: readonly string[];
}

/** Whether the change says what `field` is now (a CREATE says all; null values are left out of `values`). */
const carried = (c: Change, field: string) => c.changeType === 'CREATE' || field in c.values || c.changedFields.includes(field);

/** The tags one change drops. */
export function tagsOfChange(c: Change, x: InvalidationContext): Set<string> {
  const tags = new Set<string>();
  const info = OBJECTS[c.object];
  if (!info) return tags;
  const phoneFields = phoneFieldsOf(c.object, x.orgPhoneFields);
  tags.add(searchTag(c.object));
  for (const id of c.ids) tags.add(recordTag(id));
  if (c.changeType === 'GAP') {
    tags.add(objectTag(c.object));
    if (phoneFields.length > 0) tags.add(ANY_PHONE);
    for (const id of c.ids) x.index.parentsOf(id)?.forEach((p) => tags.add(listTag(c.object, p)));
    return tags;
  }
  // Parents: those the change names, and those the index knows; unknown ones drop every list.
  let unknownParent = false;
  for (const field of info.parents) {
    const value = c.values[field];
    if (typeof value === 'string' && value !== '') {
      tags.add(listTag(c.object, value));
      for (const id of c.ids) x.index.addParent(id, value);
    } else if (!carried(c, field)) {
      unknownParent ||= c.ids.some((id) => x.index.parentsOf(id) === null);
    }
  }
  for (const id of c.ids) x.index.parentsOf(id)?.forEach((p) => tags.add(listTag(c.object, p)));
  if (unknownParent || c.ids.length === 0) tags.add(anyListTag(c.object));
  // Phone numbers the change carries; a restored record's are not promised.
  for (const field of phoneFields) {
    const value = c.values[field];
    if (typeof value === 'string' && value !== '') tags.add(x.phoneTagOf(value) ?? ANY_PHONE);
  }
  if (c.changeType === 'UNDELETE' && phoneFields.length > 0 && !phoneFields.some((f) => typeof c.values[f] === 'string')) tags.add(ANY_PHONE);
  if (c.object === 'Account' && typeof c.values.Phone === 'string') for (const id of c.ids) x.index.setPhones(id, [x.phoneTagOf(c.values.Phone) ?? ANY_PHONE]);
  // A contact that joins an account (or comes back) is found by the account's numbers.
  if (c.object === 'Contact') {
    const account = c.values.AccountId;
    const joined = c.changeType === 'CREATE' || c.changedFields.includes('AccountId');
    if (joined && typeof account === 'string' && account !== '') for (const t of x.index.phonesOf(account) ?? [ANY_PHONE]) tags.add(t);
    else if (c.changeType === 'UNDELETE') tags.add(ANY_PHONE);
  }
  return tags;
}

/** The tags a write drops: its record, queries over its object, and the lists of the parents it names. */
export function tagsOfWrite(w: Written, index: RecordIndex): Set<string> {
  const tags = new Set<string>();
  const object = objectOfTypename(w.typename);
  if (!object) return tags;
  tags.add(recordTag(w.id));
  tags.add(searchTag(object));
  for (const p of w.parents) {
    if (!p) continue;
    tags.add(listTag(object, p));
    index.addParent(w.id, p);
  }
  return tags;
}
