/**
 * Salesforce Ids: validation, 15 → 18 character normalisation and key prefixes. The 18-character
 * form is case-insensitive thanks to its checksum, so loaders key on it.
 * https://help.salesforce.com/s/articleView?id=000385008&type=1 (docs/salesforce-facts.md#limits-ids-and-objects)
 */
import type { FieldError } from './errors';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function checksum(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    out += CHECKSUM[bits];
  }
  return out;
}

/** The 18-character Id, or null when `id` is not a well-formed Salesforce Id. */
export function normaliseId(id: string): string | null {
  if (!PATTERN.test(id)) return null;
  const base = id.slice(0, 15);
  const full = base + checksum(base);
  return id.length === 18 && id.slice(15).toUpperCase() !== full.slice(15) ? null : full;
}

/** Key prefixes of the objects the gateway reads (Task 00T is documented as unverified, docs/salesforce-facts.md#limits-ids-and-objects). */
export const KEY_PREFIX = { Account: '001', Contact: '003', Case: '500', CaseComment: '00a', Task: '00T' } as const;
export type KnownObject = keyof typeof KEY_PREFIX;

/** The 18-character Id when `value` is a well-formed Id of `object`; null otherwise. */
export function idOf(value: string, object: KnownObject): string | null {
  const id = normaliseId(value);
  return id !== null && id.startsWith(KEY_PREFIX[object]) ? id : null;
}

/** An input field that must name a record of `object` ("caseId is not the Id of a case."). */
export function checkIdOf(field: string, value: string, object: KnownObject, noun: string): FieldError[] {
  return idOf(value, object) ? [] : [{ field, code: 'INVALID', message: `${field} is not the Id of ${noun}.` }];
}

export function objectOf(id18: string): KnownObject | null {
  const prefix = id18.slice(0, 3);
  const hit = (Object.entries(KEY_PREFIX) as [KnownObject, string][]).find(([, p]) => p === prefix);
  return hit ? hit[0] : null;
}
