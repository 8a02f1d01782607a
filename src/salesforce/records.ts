/**
 * Raw Salesforce row shapes, the SELECT lists that fetch them, and the mappers to the
 * camelCase domain records the schema works with. Salesforce API names stay in this folder.
 */

import { FOLLOW_UP_STATUSES } from '../domain/follow-up-status';
import type { AccountRecord, CallRecord, CaseCommentRecord, ConsentFlag, CustomerRecord, CaseRecord, FollowUpRecord, FollowUpStatus } from '../domain/records';

/** The GraphQL type of an org field, from its describe type. */
export type CustomFieldType = 'String' | 'Int' | 'Float' | 'Boolean' | 'Date' | 'DateTime' | 'ID';

/** A field of the org's own, exposed under `custom` (SALESFORCE_ORG_FILE), checked and typed from describe. */
export interface CustomField {
  /** The GraphQL name, e.g. `loyaltyTier`. */
  name: string;
  /** The Salesforce API name, e.g. `Loyalty_Tier__c`. */
  field: string;
  type: CustomFieldType;
  /** Its label, API name and (picklists) values, for GraphiQL's Docs. */
  description: string;
}

export type CustomObject = 'Customer' | 'Account' | 'Case';

/** The standard Contact phone fields the lookup reads, best first, and what a match on each is called. */
export const STANDARD_PHONE_FIELDS = { MobilePhone: 'MOBILE_PHONE', Phone: 'PHONE', HomePhone: 'HOME_PHONE', OtherPhone: 'OTHER_PHONE' } as const;
export const DEFAULT_PHONE_FIELDS: readonly string[] = Object.keys(STANDARD_PHONE_FIELDS);

/** The org's own shape as the gateway reads it (configuration and describe, never caller input). */
export interface OrgFields {
  /** Checkbox meaning "no text messages". @default 'SMS_Opt_Out__c'; null disables it. */
  smsOptOutField: string | null;
  emailOptInField: string | null;
  smsOptInField: string | null;
  callOptInField: string | null;
  /** Contact phone fields the lookup searches, best first (custom ones included). @default DEFAULT_PHONE_FIELDS */
  phoneFields?: readonly string[];
  /** The org has person accounts: Contact.IsPersonAccount is read. */
  personAccounts?: boolean;
  /** Org fields exposed under `custom`, per GraphQL type. */
  custom?: Partial<Record<CustomObject, readonly CustomField[]>>;
}

export const DEFAULT_ORG_FIELDS: OrgFields = {
  smsOptOutField: 'SMS_Opt_Out__c',
  emailOptInField: null,
  smsOptInField: null,
  callOptInField: null,
};

export const ACCOUNT_FIELDS = ['Id', 'Name', 'Phone'] as const;

const customFieldsOf = (config: OrgFields | undefined, object: CustomObject) => (config?.custom?.[object] ?? []).map((f) => f.field);
/** Phone fields of the org's own (not one of the four standard ones) that the lookup reads. */
export const customPhoneFields = (config: OrgFields): string[] => (config.phoneFields ?? []).filter((f) => !(f in STANDARD_PHONE_FIELDS));

/** Each field once (SOQL refuses a field selected twice: "duplicate field selected"); API names ignore case. */
function once(fields: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  return fields.filter((f): f is string => f !== null && !seen.has(f.toLowerCase()) && Boolean(seen.add(f.toLowerCase())));
}

/** Account fields, the org's own declared ones included. */
export function accountFields(config: OrgFields): string[] {
  return once([...ACCOUNT_FIELDS, ...customFieldsOf(config, 'Account')]);
}

/** Case fields, the org's own declared ones included. */
export function caseFields(config: OrgFields): string[] {
  return once([...CASE_FIELDS, ...customFieldsOf(config, 'Case')]);
}

/** Contact fields, with the Account's fields through the relationship (one call for both). */
export function contactFields(config: OrgFields): string[] {
  return once([
    'Id',
    'FirstName',
    'LastName',
    'Name',
    'Email',
    'Phone',
    'MobilePhone',
    'HomePhone',
    'OtherPhone',
    'AccountId',
    ...accountFields(config).map((f) => `Account.${f}`),
    'HasOptedOutOfEmail',
    'DoNotCall',
    'LastModifiedDate',
    config.smsOptOutField,
    config.emailOptInField,
    config.smsOptInField,
    config.callOptInField,
    ...(config.personAccounts ? ['IsPersonAccount'] : []),
    ...customPhoneFields(config),
    ...customFieldsOf(config, 'Customer'),
  ]);
}

export const CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'Subject',
  'Description',
  'Status',
  'Priority',
  'Origin',
  'IsClosed',
  'CreatedDate',
  'ClosedDate',
  'ContactId',
  'AccountId',
  'SuppliedName',
  'SuppliedPhone',
  'SuppliedEmail',
] as const;

export const CASE_COMMENT_FIELDS = ['Id', 'ParentId', 'CommentBody', 'IsPublished', 'CreatedDate'] as const;

/** A Task is a logged call when TaskSubtype is Call. */
export const CALL_FIELDS = [
  'Id',
  'CallType',
  'Call_From__c',
  'Call_Started_At__c',
  'CallDurationInSeconds',
  'Description',
  'CallDisposition',
  'CallObject',
  'CreatedDate',
  'WhoId',
  'WhatId',
] as const;

export const FOLLOW_UP_FIELDS = [
  'Id',
  'Follow_Up_Channel__c',
  'Follow_Up_To__c',
  'Follow_Up_Status__c',
  'Subject',
  'Description',
  'CreatedDate',
  'WhoId',
  'WhatId',
] as const;

/** A Task is a follow-up when this field is set (the shipped field definition says so). */
export const FOLLOW_UP_CHANNEL_FIELD = 'Follow_Up_Channel__c';

/** A Salesforce dateTime (`2026-09-21T10:00:00.000+0000`, or ISO with `Z`) as a Date; an invalid Date if it is none. */
export function parseDateTime(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

const date = (v: unknown): Date | null => (typeof v === 'string' ? parseDateTime(v) : null);
/** A dateTime Salesforce always sets (CreatedDate, LastModifiedDate). */
const stamp = (v: unknown): Date => date(v) ?? new Date(0);

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const flag = (row: Row, field: string | null): ConsentFlag => (field ? row[field] === true : null);

/** A declared field's value as its GraphQL type wants it. */
function customValue(value: unknown, type: CustomFieldType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'DateTime' && typeof value === 'string') return parseDateTime(value);
  return value;
}

/** The declared fields of `object` read off a row, by GraphQL name. */
function customOf(row: Row, config: OrgFields | undefined, object: CustomObject): Record<string, unknown> {
  return Object.fromEntries((config?.custom?.[object] ?? []).map((f) => [f.name, customValue(row[f.field], f.type)]));
}

export function toAccount(row: Row, config: OrgFields): AccountRecord {
  return { id: String(row.Id), name: str(row.Name) ?? '', phone: str(row.Phone), custom: customOf(row, config, 'Account') };
}

export function toCustomer(row: Row, config: OrgFields): CustomerRecord {
  const account = row.Account;
  const person = row.IsPersonAccount === true;
  return {
    id: String(row.Id),
    firstName: str(row.FirstName),
    lastName: str(row.LastName) ?? '',
    name: str(row.Name) ?? [row.FirstName, row.LastName].filter(Boolean).join(' '),
    email: str(row.Email),
    phone: str(row.Phone),
    mobilePhone: str(row.MobilePhone),
    homePhone: str(row.HomePhone),
    otherPhone: str(row.OtherPhone),
    customPhones: Object.fromEntries(customPhoneFields(config).map((f) => [f, str(row[f])])),
    personAccount: person,
    custom: customOf(row, config, 'Customer'),
    accountId: str(row.AccountId),
    // A person account is the customer itself: not an account beside them.
    account: person ? null : account === undefined ? undefined : account === null ? null : toAccount(account as Row, config),
    consent: {
      emailOptOut: row.HasOptedOutOfEmail === true,
      callOptOut: row.DoNotCall === true,
      smsOptOut: flag(row, config.smsOptOutField),
      emailOptIn: flag(row, config.emailOptInField),
      smsOptIn: flag(row, config.smsOptInField),
      callOptIn: flag(row, config.callOptInField),
    },
    lastModifiedAt: stamp(row.LastModifiedDate),
  };
}

export function toCase(row: Row, config: OrgFields): CaseRecord {
  return {
    id: String(row.Id),
    custom: customOf(row, config, 'Case'),
    caseNumber: str(row.CaseNumber) ?? '',
    subject: str(row.Subject),
    description: str(row.Description),
    status: str(row.Status) ?? '',
    priority: str(row.Priority),
    origin: str(row.Origin),
    isClosed: row.IsClosed === true,
    createdAt: stamp(row.CreatedDate),
    closedAt: date(row.ClosedDate),
    contactId: str(row.ContactId),
    accountId: str(row.AccountId),
    suppliedName: str(row.SuppliedName),
    suppliedPhone: str(row.SuppliedPhone),
    suppliedEmail: str(row.SuppliedEmail),
  };
}

export function toCaseComment(row: Row): CaseCommentRecord {
  return {
    id: String(row.Id),
    caseId: String(row.ParentId),
    body: str(row.CommentBody) ?? '',
    isPublic: row.IsPublished === true,
    createdAt: stamp(row.CreatedDate),
  };
}

export function toCall(row: Row): CallRecord {
  const what = str(row.WhatId);
  const who = str(row.WhoId);
  return {
    id: String(row.Id),
    direction: row.CallType === 'Outbound' ? 'OUTBOUND' : 'INBOUND',
    from: str(row.Call_From__c),
    // Calls logged by other tools may lack the gateway's start field: their creation is the best guess.
    startedAt: date(row.Call_Started_At__c) ?? stamp(row.CreatedDate),
    durationSeconds: typeof row.CallDurationInSeconds === 'number' ? row.CallDurationInSeconds : 0,
    summary: str(row.Description),
    outcome: str(row.CallDisposition),
    externalCallId: str(row.CallObject),
    contactId: who?.startsWith('003') ? who : null,
    caseId: what?.startsWith('500') ? what : null,
    createdAt: stamp(row.CreatedDate),
  };
}

const STATUSES: ReadonlySet<string> = new Set(FOLLOW_UP_STATUSES);

export function toFollowUp(row: Row): FollowUpRecord {
  const status = str(row.Follow_Up_Status__c);
  const what = str(row.WhatId);
  return {
    id: String(row.Id),
    channel: row.Follow_Up_Channel__c === 'EMAIL' ? 'EMAIL' : 'SMS',
    to: str(row.Follow_Up_To__c) ?? '',
    subject: str(row.Subject),
    body: str(row.Description) ?? '',
    status: status && STATUSES.has(status) ? (status as FollowUpStatus) : 'PENDING',
    createdAt: stamp(row.CreatedDate),
    contactId: str(row.WhoId),
    // WhatId may point at an Account too; only a Case (500) is the follow-up's case.
    caseId: what?.startsWith('500') ? what : null,
  };
}
