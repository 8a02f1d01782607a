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
