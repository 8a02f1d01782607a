/** Contacts: by Id, by caller phone number, and by free-text search. */
import { isSameNumber, storedVariants, type PhoneNumber } from '../domain/phone';
import type { SalesforceApi } from './api';
import { DEFAULT_PHONE_FIELDS, STANDARD_PHONE_FIELDS, contactFields, toCustomer, type OrgFields } from './records';
import type { CustomerRecord } from '../domain/records';
import { isEmptyShape, type ContextShape } from '../domain/context-shape';
import { contextFields, findCustomerContexts, readContext, toCustomerContext, type CustomerContext } from './context';
import { anyOf, chunk, digitsTerm, eq, idIn, search, searchText, select, textIn } from './soql';

type Row = Record<string, unknown>;

export async function findContactsByIds(sf: SalesforceApi, config: OrgFields, ids: readonly string[]): Promise<CustomerRecord[]> {
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
 * SOSL caps at 2,000 (docs/salesforce-facts.md#sosl-and-phone-numbers).
 */
export async function searchContacts(sf: SalesforceApi, config: OrgFields, text: string, page: { first: number; offset: number }): Promise<SearchPage> {
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
  sf.reads?.search('Contact');
  const rows = await sf.search<Row>(sosl);
  const records = rows.map((r) => toCustomer(r, config));
  return { records: records.slice(0, page.first), hasMore: records.length > page.first };
}

export type PhoneField = 'MOBILE_PHONE' | 'PHONE' | 'HOME_PHONE' | 'OTHER_PHONE' | 'ACCOUNT_PHONE';

export interface PhoneMatch {
  customer: CustomerRecord;
  field: PhoneField;
  /** The Salesforce field that matched, e.g. MobilePhone, WhatsApp__c or Account.Phone. */
  salesforceField: string;
  /** Its place in the configured order (the account's phone last): lower is better. */
  rank: number;
}

export interface PhoneLookupResult {
  /** Every matching customer, best first. */
  matches: PhoneMatch[];
  /** The context pages read with the matches (see salesforce/context.ts), for the loaders. */
  contexts: CustomerContext[];
  /** False when one of the two searches failed and the answer rests on the other. */
  complete: boolean;
}

/** The configured phone fields, best first: the four standard ones unless the org file names others. */
const phoneFieldsOf = (config: OrgFields) => config.phoneFields ?? DEFAULT_PHONE_FIELDS;

/** The best field on which `c` has the caller's number, or null (a search false positive). */
function matchedField(c: CustomerRecord, caller: PhoneNumber, config: OrgFields): Omit<PhoneMatch, 'customer'> | null {
  const standard: Record<string, string | null> = { MobilePhone: c.mobilePhone, Phone: c.phone, HomePhone: c.homePhone, OtherPhone: c.otherPhone };
  const candidates = phoneFieldsOf(config).map((f, rank) => ({
    salesforceField: f,
    rank,
    // A phone field of the org's own is one of the customer's other numbers (salesforceField names it).
    field: (STANDARD_PHONE_FIELDS[f as keyof typeof STANDARD_PHONE_FIELDS] ?? 'OTHER_PHONE') as PhoneField,
    stored: f in standard ? standard[f] : c.customPhones?.[f],
  }));
  candidates.push({ salesforceField: 'Account.Phone', rank: candidates.length, field: 'ACCOUNT_PHONE', stored: c.account?.phone ?? null });
  const best = candidates.find(({ stored }) => isSameNumber(stored, caller));
  return best ? { field: best.field, salesforceField: best.salesforceField, rank: best.rank } : null;
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
 * de-duplicated and ranked (docs/salesforce-facts.md#sosl-and-phone-numbers). If one of the two calls fails, the other's answer
 * is used and `complete` is false; if both fail, the first error is thrown.
 */
export async function findContactsByPhone(
  sf: SalesforceApi,
  config: OrgFields,
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
    where: [anyOf([...phoneFieldsOf(config), 'Account.Phone'].map((f) => textIn(f, variants)))],
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
  // The answer rests on this number (a NO_MATCH too): a change that gives someone it drops it.
  sf.reads?.phone(String(caller.nationalNumber));
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
    const matched = matchedField(customer, caller, config);
    if (matched) byId.set(customer.id, { customer, ...matched });
  };
  exactRows.forEach((r) => collect(r, true));
  found.filter((r) => !isAccount(r)).forEach((r) => collect(r, false));
  // Accounts found only by their digits: their contacts cost one more query. An account whose
  // phone is one of the exact variants had all its contacts read by the SOQL arm already.
  const covered = new Set(exactRows.filter((r) => variants.includes(String((r.Account as Row | null)?.Phone))).map((r) => String(r.AccountId)));
  const accounts = found.filter((r) => isAccount(r) && isSameNumber(r.Phone as string | null, caller) && !covered.has(String(r.Id))).map((r) => String(r.Id));
  // Accounts with the number: who their contacts are is part of the answer.
  sf.reads?.lists('Contact', [...covered, ...accounts]);
  readContext(
    sf,
    exactRows.map((r) => String(r.Id)),
    shape,
    exactRows,
  );
  // Customers only the search found have no context yet: one more statement reads it, beside
  // the account arm's.
  const missing = isEmptyShape(shape) ? [] : [...byId.keys()].filter((id) => !contexts.has(id));
  await Promise.all([
    accounts.length > 0
      ? sf.query<Row>(select({ fields: withContext, from: 'Contact', where: [idIn('AccountId', accounts)], ...newest })).then((more) => {
          readContext(
            sf,
            more.records.map((r) => String(r.Id)),
            shape,
            more.records,
          );
          more.records.forEach((r) => collect(r, true));
        })
      : null,
    // Without it, the loaders read their context as before.
    missing.length > 0
      ? findCustomerContexts(sf, config, missing, shape).then(
          (read) => read.forEach((c) => contexts.set(c.customer.id, c)),
          () => undefined,
        )
      : null,
  ]);
  const matches = [...byId.values()].sort((a, b) => a.rank - b.rank || b.customer.lastModifiedAt.getTime() - a.customer.lastModifiedAt.getTime());
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
