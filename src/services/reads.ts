/**
 * The read use cases behind the root fields: the caller lookup, search, a case by number and the
 * case picklists. Rows they read are primed into the request's loaders, so nested fields that ask
 * for the same records cost nothing more.
 */
import { parseCallerNumber } from '../domain/phone';
import { isEmptyShape, type ContextShape } from '../domain/context-shape';
import type { CaseRecord, CustomerRecord } from '../domain/records';
import { findCustomerContexts } from '../salesforce/context';
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
export async function lookUpCaller(deps: ReadDeps, phone: string, first: number, shape: ContextShape | null = null): Promise<PhoneLookup> {
  const caller = parseCallerNumber(phone, deps.settings.defaultRegion);
  if (!caller) return { phone: null, outcome: 'INVALID_NUMBER', bestMatch: null, matches: [], totalCount: 0 };
  const { matches, contexts, complete } = await findContactsByPhone(deps.sf, deps.settings.orgFields, caller, shape);
  if (!complete) deps.logger.warn({ requestId: deps.requestId }, 'phone lookup answered from one of its two searches');
  deps.loaders.prime.customers(matches.map((m) => m.customer));
  if (shape) deps.loaders.prime.contexts(contexts, shape);
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

export async function searchCustomers(
  deps: ReadDeps,
  text: string,
  page: { first: number; offset: number },
  shape: ContextShape | null = null,
): Promise<SearchPage> {
  const result = await searchContacts(deps.sf, deps.settings.orgFields, text, page);
  deps.loaders.prime.customers(result.records);
  // SOSL cannot read child rows: the context of the page's customers is one more statement.
  // If that statement fails, the loaders read each list on its own, so only what fails is null.
  if (shape && !isEmptyShape(shape) && result.records.length > 0) {
    const contexts = await findCustomerContexts(
      deps.sf,
      deps.settings.orgFields,
      result.records.map((c) => c.id),
      shape,
    ).catch(() => null);
    if (contexts) deps.loaders.prime.contexts(contexts, shape);
  }
  return result;
}

/** A customer by Id; with a shape, read with their context in one statement. */
export async function customerById(deps: ReadDeps, id: string, shape: ContextShape | null): Promise<CustomerRecord | null> {
  if (!shape || isEmptyShape(shape)) return deps.loaders.customer.load(id);
  const contexts = await findCustomerContexts(deps.sf, deps.settings.orgFields, [id], shape).catch(() => null);
  // A failed statement falls back to the loaders, so only the part that fails is null.
  if (!contexts) return deps.loaders.customer.load(id);
  const [context] = contexts;
  if (!context) return null;
  deps.loaders.prime.contexts([context], shape);
  return context.customer;
}

/** A case by its number; with `customerId`, a case of another customer is null. */
export async function caseByNumber(deps: ReadDeps, digits: string, customerId: string | null): Promise<CaseRecord | null> {
  const found = await findCaseByNumber(deps.sf, deps.settings.orgFields, digits);
  if (!found || (customerId !== null && found.contactId !== customerId)) return null;
  deps.loaders.prime.cases([found]);
  return found;
}

export const caseOptions = (deps: ServiceDeps): Promise<CasePicklists> => casePicklists(deps.sf, deps.describeCache);
