/**
 * The read use cases behind the root fields: the caller lookup, search, a case by number and the
 * case picklists. Rows they read are primed into the request's loaders, so nested fields that ask
 * for the same records cost nothing more.
 */
import { parseCallerNumber } from '../domain/phone';
import type { CaseRecord } from '../domain/records';
import { casePicklists, findCaseByNumber, type CasePicklists } from '../salesforce/cases';
import { findContactsByPhone, searchContacts, type PhoneMatch, type SearchPage } from '../salesforce/contacts';
import type { Loaders } from '../salesforce/loaders';
import type { ServiceDeps } from './context';

export type ReadDeps = ServiceDeps & { loaders: Loaders; requestId: string };

export interface PhoneLookup {
  /** The number looked up, in E.164 form; null when it could not be parsed. */
  phone: string | null;
  outcome: 'UNIQUE_MATCH' | 'MULTIPLE_MATCHES' | 'NO_MATCH' | 'INVALID_NUMBER';
  bestMatch: PhoneMatch | null;
  matches: PhoneMatch[];
  totalCount: number;
}

/**
 * Customers with the caller's number. UNIQUE_MATCH only when exactly one customer matched, on one
 * of their own numbers: a match through the account's phone alone is never unique.
 */
export async function lookUpCaller(deps: ReadDeps, phone: string, first: number): Promise<PhoneLookup> {
  const caller = parseCallerNumber(phone, deps.settings.defaultRegion);
  if (!caller) return { phone: null, outcome: 'INVALID_NUMBER', bestMatch: null, matches: [], totalCount: 0 };
  const { matches, complete } = await findContactsByPhone(deps.sf, deps.settings.contactFields, caller);
  if (!complete) deps.logger.warn({ requestId: deps.requestId }, 'phone lookup answered from one of its two searches');
  deps.loaders.prime.customers(matches.map((m) => m.customer));
  const own = matches.filter((m) => m.field !== 'ACCOUNT_PHONE');
  const outcome = matches.length === 0 ? 'NO_MATCH' : own.length === 1 && matches.length === 1 ? 'UNIQUE_MATCH' : 'MULTIPLE_MATCHES';
  return {
    phone: caller.number,
    outcome,
    bestMatch: outcome === 'UNIQUE_MATCH' ? own[0]! : null,
    matches: matches.slice(0, first),
    totalCount: matches.length,
  };
}

export async function searchCustomers(deps: ReadDeps, text: string, page: { first: number; offset: number }): Promise<SearchPage> {
  const result = await searchContacts(deps.sf, deps.settings.contactFields, text, page);
  deps.loaders.prime.customers(result.records);
  return result;
}

/** A case by its number; with `customerId`, a case of another customer is null. */
export async function caseByNumber(deps: ReadDeps, digits: string, customerId: string | null): Promise<CaseRecord | null> {
  const found = await findCaseByNumber(deps.sf, digits);
  if (!found || (customerId !== null && found.contactId !== customerId)) return null;
  deps.loaders.prime.cases([found]);
  return found;
}

export const caseOptions = (deps: ServiceDeps): Promise<CasePicklists> => casePicklists(deps.sf, deps.describeCache);
