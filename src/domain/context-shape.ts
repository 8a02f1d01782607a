/**
 * What of a customer's context a request asks for, read off its selection: the first page of
 * their cases (with a status filter), of each case's follow-ups, and of their own follow-ups. The
 * salesforce/ layer turns it into child subqueries of the one statement that reads the customer.
 */
export type CaseStatusFilter = 'OPEN' | 'CLOSED' | 'ALL';

export interface ContextShape {
  cases?: { status: CaseStatusFilter; first: number; followUps?: { first: number } };
  followUps?: { first: number };
}

export const isEmptyShape = (s: ContextShape | null | undefined): boolean => !s || (!s.cases && !s.followUps);

/**
 * Ids per `IN (...)` list. An Id costs about 30 bytes of URL-encoded query string (quotes, comma
 * and space included), so 250 keep a statement under ~9 KB, well inside the 16,384 bytes that
 * Salesforce allows for URI plus headers (docs/salesforce-facts.md#rest-conventions-and-errors). jsforce always sends queries as GET.
 * Longer lists are split into several queries (and priced so).
 */
export const MAX_IDS_PER_QUERY = 250;
