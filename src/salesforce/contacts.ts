/** Contacts: by Id, by caller phone number, and by free-text search. */
import { isSameNumber, storedVariants, type PhoneNumber } from '../domain/phone';
import type { SalesforceApi } from './client';
import { contactFields, toCustomer, type ContactFieldConfig } from './records';
import type { CustomerRecord } from '../domain/records';
import { isEmptyShape, type ContextShape } from '../domain/context-shape';
import { contextFields, findCustomerContexts, toCustomerContext, type CustomerContext } from './context';
import { anyOf, chunk, digitsTerm, eq, idIn, search, searchText, select, textIn } from './soql';

type Row = Record<string, unknown>;

export async function findContactsByIds(sf: SalesforceApi, config: ContactFieldConfig, ids: readonly string[]): Promise<CustomerRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Row>(select({ fields: contactFields(config), from: 'Contact', where: [idIn('Id', part)] }))),
  );
  return pages.flatMap((p) => p.records.map((r) => toCustomer(r, config)));
}

export interface SearchPage {
  records: CustomerRecord[];
  hasMore: boolean;
}

/**
 * Contacts whose name, email or phone matches `text` (SOSL, ALL FIELDS). Pages by OFFSET, which
 * SOSL caps at 2,000 (reference §4.1).
 */
export async function searchContacts(
  sf: SalesforceApi,
  config: ContactFieldConfig,
  text: string,
  page: { first: number; offset: number },
): Promise<SearchPage> {
  const sosl = search({
    term: searchText(text),
    in: 'ALL',
    returning: {
      fields: contactFields(config),
      from: 'Contact',
      orderBy: [
        ['Name', 'ASC'],
        ['Id', 'ASC'],
      ],
      limit: page.first + 1,
      offset: page.offset,
    },
  });
  const rows = await sf.search<Row>(sosl);
  const records = rows.map((r) => toCustomer(r, config));
  return { records: records.slice(0, page.first), hasMore: records.length > page.first };
}

export type PhoneField = 'MOBILE_PHONE' | 'PHONE' | 'HOME_PHONE' | 'OTHER_PHONE' | 'ACCOUNT_PHONE';

/** Ranking of the field a customer matched on: their mobile first, their account's phone last. */
const FIELD_RANK: readonly PhoneField[] = ['MOBILE_PHONE', 'PHONE', 'HOME_PHONE', 'OTHER_PHONE', 'ACCOUNT_PHONE'];

export interface PhoneMatch {
  customer: CustomerRecord;
  field: PhoneField;
}

export interface PhoneLookupResult {
  /** Every matching customer, best first. */
  matches: PhoneMatch[];
  /** The context pages read with the matches (see salesforce/context.ts), for the loaders. */
  contexts: CustomerContext[];
  /** False when one of the two searches failed and the answer rests on the other. */
  complete: boolean;
}

/** The best field on which `c` has the caller's number, or null (a search false positive). */
function matchedField(c: CustomerRecord, caller: PhoneNumber): PhoneField | null {
  const candidates: [PhoneField, string | null | undefined][] = [
    ['MOBILE_PHONE', c.mobilePhone],
    ['PHONE', c.phone],
    ['HOME_PHONE', c.homePhone],
    ['OTHER_PHONE', c.otherPhone],
    ['ACCOUNT_PHONE', c.account?.phone],
  ];
  return candidates.find(([, stored]) => isSameNumber(stored, caller))?.[0] ?? null;
}

/** How many rows each of the two lookups reads at most. */
const PHONE_LOOKUP_ROWS = 200;
/** Accounts the search reads at most. */
const ACCOUNT_ROWS = 20;

/**
 * Customers with the caller's number, whatever format it is stored in. Two calls at once, and a
 * third only for accounts that only the search found (their contacts):
 * SOSL `IN PHONE FIELDS` on the digits (format-tolerant, but the search index lags behind recent
 * writes) and SOQL equality on the common stored formats across the four Contact phone fields
 * and the Account phone (exact, and fresh). Results are merged, checked number by number,
 * de-duplicated and ranked (reference §4.3). If one of the two calls fails, the other's answer
 * is used and `complete` is false; if both fail, the first error is thrown.
 */
export async function findContactsByPhone(
  sf: SalesforceApi,
  config: ContactFieldConfig,
  caller: PhoneNumber,
  shape: ContextShape | null = null,
): Promise<PhoneLookupResult> {
  const fields = contactFields(config);
  // The exact arm, and the account arm below, read the asked-for context with the customers.
  const withContext = contextFields(config, shape);
  const variants = storedVariants(caller);
  const newest = { orderBy: [['LastModifiedDate', 'DESC']] as const, limit: PHONE_LOOKUP_ROWS };
  const soql = select({
    fields: withContext,
    from: 'Contact',
    where: [anyOf(['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'Account.Phone'].map((f) => textIn(f, variants)))],
    ...newest,
  });
  // SOSL looks at accounts too: an account phone typed in a format no variant covers
  // ("+44 20 36672621", "020 3667 2621") is still found by its digits.
  const sosl = search({
    term: digitsTerm([caller.nationalNumber, caller.number.slice(1)]),
    in: 'PHONE',
    returning: [
      { fields, from: 'Contact', ...newest },
      { fields: ['Id', 'Phone'], from: 'Account', limit: ACCOUNT_ROWS },
    ],
  });
  const [exact, fuzzy] = await Promise.allSettled([sf.query<Row>(soql), sf.search<Row>(sosl)]);
  if (exact.status === 'rejected' && fuzzy.status === 'rejected') throw exact.reason;
  const found = fuzzy.status === 'fulfilled' ? fuzzy.value : [];
  const isAccount = (row: Row) => (row.attributes as { type?: string } | undefined)?.type === 'Account';
  const exactRows = exact.status === 'fulfilled' ? exact.value.records : [];
  const byId = new Map<string, PhoneMatch>();
  const contexts = new Map<string, CustomerContext>();
  const collect = (row: Row, read: boolean) => {
    const context = toCustomerContext(row, config, read ? shape : null);
    const { customer } = context;
    if (read) contexts.set(customer.id, context);
    if (byId.has(customer.id)) return;
    const field = matchedField(customer, caller);
    if (field) byId.set(customer.id, { customer, field });
  };
  exactRows.forEach((r) => collect(r, true));
  found.filter((r) => !isAccount(r)).forEach((r) => collect(r, false));
  // Accounts found only by their digits: their contacts cost one more query. An account whose
  // phone is one of the exact variants had all its contacts read by the SOQL arm already.
  const covered = new Set(exactRows.filter((r) => variants.includes(String((r.Account as Row | null)?.Phone))).map((r) => String(r.AccountId)));
  const accounts = found.filter((r) => isAccount(r) && isSameNumber(r.Phone as string | null, caller) && !covered.has(String(r.Id))).map((r) => String(r.Id));
  // Customers only the search found have no context yet: one more statement reads it, beside
  // the account arm's.
  const missing = isEmptyShape(shape) ? [] : [...byId.keys()].filter((id) => !contexts.has(id));
  await Promise.all([
    accounts.length > 0
      ? sf
          .query<Row>(select({ fields: withContext, from: 'Contact', where: [idIn('AccountId', accounts)], ...newest }))
          .then((more) => more.records.forEach((r) => collect(r, true)))
      : null,
    // Without it, the loaders read their context as before.
    missing.length > 0
      ? findCustomerContexts(sf, config, missing, shape).then(
          (read) => read.forEach((c) => contexts.set(c.customer.id, c)),
          () => undefined,
        )
      : null,
  ]);
  const matches = [...byId.values()].sort(
    (a, b) => FIELD_RANK.indexOf(a.field) - FIELD_RANK.indexOf(b.field) || b.customer.lastModifiedAt.getTime() - a.customer.lastModifiedAt.getTime(),
  );
  return {
    matches,
    contexts: [...contexts.values()].filter((c) => byId.has(c.customer.id)),
    complete: exact.status === 'fulfilled' && fuzzy.status === 'fulfilled',
  };
}

/** A contact's Id and Account, or null when there is no such contact. */
export async function findContactAccount(sf: SalesforceApi, id: string): Promise<{ id: string; accountId: string | null } | null> {
  const found = await sf.query<{ Id: string; AccountId: string | null }>(select({ fields: ['Id', 'AccountId'], from: 'Contact', where: [eq('Id', id)] }));
  const row = found.records[0];
  return row ? { id, accountId: row.AccountId } : null;
}
