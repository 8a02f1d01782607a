/**
 * The records the gateway works with, as plain data: camelCase names, Dates for instants. The
 * salesforce/ layer maps Salesforce rows to these; nothing here knows Salesforce's field names.
 */
import type { FollowUpChannel, FollowUpStatus } from './follow-up-status';

export type { FollowUpChannel, FollowUpStatus };

/** An org's own field values, by their GraphQL names (SALESFORCE_ORG_FILE); empty when none are declared. */
export type CustomValues = Record<string, unknown>;

export interface AccountRecord {
  id: string;
  name: string;
  phone: string | null;
  custom?: CustomValues;
}

export type ConsentFlag = boolean | null;

export interface CustomerRecord {
  id: string;
  firstName: string | null;
  lastName: string;
  name: string;
  email: string | null;
  phone: string | null;
  mobilePhone: string | null;
  homePhone: string | null;
  otherPhone: string | null;
  /** The org's own phone fields the lookup searches (SALESFORCE_ORG_FILE phoneFields), by API name. */
  customPhones?: Record<string, string | null>;
  /** The Contact behind a person account: the customer is the account, so `account` is null. */
  personAccount?: boolean;
  custom?: CustomValues;
  accountId: string | null;
  /** Present when the row was read with its Account fields; undefined when not read. */
  account: AccountRecord | null | undefined;
  /** Consent as Salesforce records it: opted out, opted in (configured fields), or null. */
  consent: {
    emailOptOut: boolean;
    callOptOut: boolean;
    smsOptOut: ConsentFlag;
    emailOptIn: ConsentFlag;
    smsOptIn: ConsentFlag;
    callOptIn: ConsentFlag;
  };
  lastModifiedAt: Date;
}

export interface CaseRecord {
  id: string;
  custom?: CustomValues;
  caseNumber: string;
  subject: string | null;
  description: string | null;
  status: string;
  priority: string | null;
  origin: string | null;
  isClosed: boolean;
  createdAt: Date;
  closedAt: Date | null;
  contactId: string | null;
  accountId: string | null;
  /** Who called, as they said it, for a case without a customer record. */
  suppliedName: string | null;
  suppliedPhone: string | null;
  suppliedEmail: string | null;
}

/** A comment on a case (Salesforce's CaseComment). */
export interface CaseCommentRecord {
  id: string;
  caseId: string;
  body: string;
  isPublic: boolean;
  createdAt: Date;
}

export type CallDirection = 'INBOUND' | 'OUTBOUND';

/** A call logged as a completed Task with TaskSubtype Call. */
export interface CallRecord {
  id: string;
  direction: CallDirection;
  from: string | null;
  startedAt: Date;
  durationSeconds: number;
  summary: string | null;
  outcome: string | null;
  externalCallId: string | null;
  contactId: string | null;
  caseId: string | null;
  /** When it was logged (pages are ordered by it). */
  createdAt: Date;
}

export interface FollowUpRecord {
  id: string;
  channel: FollowUpChannel;
  to: string;
  subject: string | null;
  body: string;
  status: FollowUpStatus;
  createdAt: Date;
  contactId: string | null;
  caseId: string | null;
}

/** A page of records and whether more follow. */
export interface Page<T> {
  records: T[];
  hasMore: boolean;
}
