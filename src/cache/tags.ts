/**
 * The tags a cached answer carries, one vocabulary for what answers rest on and what changes
 * drop (docs/architecture.md, "Freshness"):
 * - `r:<Id>`: it holds that record (or asked for it by Id and found nothing);
 * - `l:<Object>:<parentId>`: it shows a list of that object's records under that parent;
 *   `l:<Object>`: it shows some list of that object (dropped when a change's parent is unknown);
 * - `p:<digits>`: it searched a phone number (the last seven digits of its national number,
 *   the same whatever format or country code the number is stored with); `p`: any phone search;
 * - `q:<Object>`: it queried over every record of the object (a text search, a case number);
 * - `t:<Object>`: it holds or lists that object at all (a gap drops them all).
 */
export const recordTag = (id: string) => `r:${id}`;
export const listTag = (object: string, parentId: string) => `l:${object}:${parentId}`;
export const anyListTag = (object: string) => `l:${object}`;
export const ANY_PHONE = 'p';
export const searchTag = (object: string) => `q:${object}`;
export const objectTag = (object: string) => `t:${object}`;

/** How many digits of a national number a phone tag keeps. */
const PHONE_DIGITS = 7;

/**
 * The tag of a phone number, from its national (significant) number: its last seven digits. Two
 * numbers the lookup takes as the same always share them, whatever country the stored one was
 * read in; a number with fewer digits gets none (null: drop every phone search).
 */
export function phoneTag(nationalNumber: string): string | null {
  const digits = nationalNumber.replace(/\D/g, '');
  return digits.length >= PHONE_DIGITS ? `p:${digits.slice(-PHONE_DIGITS)}` : null;
}
