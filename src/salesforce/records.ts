/**
 * Raw Salesforce row shapes, the SELECT lists that fetch them, and the mappers to the
 * camelCase domain records the schema works with. Salesforce API names stay in this folder.
 */

export interface AccountRecord {
  id: string;
  name: string;
  phone: string | null;
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
  lastModifiedAt: string;
}

export interface CaseRecord {
  id: string;
  caseNumber: string;
  subject: string | null;
  description: string | null;
  status: string;
  priority: string | null;
  origin: string | null;
  isClosed: boolean;
  createdAt: string;
  closedAt: string | null;
  contactId: string | null;
  accountId: string | null;
}

export type FollowUpChannel = 'SMS' | 'EMAIL';
export type FollowUpStatus = 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED';

export interface FollowUpRecord {
  id: string;
  channel: FollowUpChannel;
  to: string;
  subject: string | null;
  body: string;
  status: FollowUpStatus;
  createdAt: string;
  contactId: string | null;
  caseId: string | null;
}

/** Org-specific Contact fields (configuration, never caller input). */
export interface ContactFieldConfig {
  /** Checkbox meaning "no text messages". @default 'SMS_Opt_Out__c'; null disables it. */
  smsOptOutField: string | null;
  emailOptInField: string | null;
  smsOptInField: string | null;
  callOptInField: string | null;
}

export const DEFAULT_CONTACT_FIELDS: ContactFieldConfig = {
  smsOptOutField: 'SMS_Opt_Out__c',
  emailOptInField: null,
  smsOptInField: null,
  callOptInField: null,
};

export const ACCOUNT_FIELDS = ['Id', 'Name', 'Phone'] as const;

/** Contact fields, with the Account's fields through the relationship (one call for both). */
export function contactFields(config: ContactFieldConfig): string[] {
  const fields = [
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
    ...ACCOUNT_FIELDS.map((f) => `Account.${f}`),
    'HasOptedOutOfEmail',
    'DoNotCall',
    'LastModifiedDate',
  ];
  for (const f of [config.smsOptOutField, config.emailOptInField, config.smsOptInField, config.callOptInField]) {
    if (f && !fields.includes(f)) fields.push(f);
  }
  return fields;
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

/** Epoch ms of a Salesforce dateTime (`2026-09-21T10:00:00.000+0000`, or ISO with `Z`); NaN if it is none. */
export function parseDateTime(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** An email address as Salesforce's email fields accept it (close enough to refuse early). */
export const EMAIL_PATTERN = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const flag = (row: Row, field: string | null): ConsentFlag => (field ? row[field] === true : null);

export function toAccount(row: Row): AccountRecord {
  return { id: String(row.Id), name: str(row.Name) ?? '', phone: str(row.Phone) };
}

export function toCustomer(row: Row, config: ContactFieldConfig): CustomerRecord {
  const account = row.Account;
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
    accountId: str(row.AccountId),
    account: account === undefined ? undefined : account === null ? null : toAccount(account as Row),
    consent: {
      emailOptOut: row.HasOptedOutOfEmail === true,
      callOptOut: row.DoNotCall === true,
      smsOptOut: flag(row, config.smsOptOutField),
      emailOptIn: flag(row, config.emailOptInField),
      smsOptIn: flag(row, config.smsOptInField),
      callOptIn: flag(row, config.callOptInField),
    },
    lastModifiedAt: str(row.LastModifiedDate) ?? '',
  };
}

export function toCase(row: Row): CaseRecord {
  return {
    id: String(row.Id),
    caseNumber: str(row.CaseNumber) ?? '',
    subject: str(row.Subject),
    description: str(row.Description),
    status: str(row.Status) ?? '',
    priority: str(row.Priority),
    origin: str(row.Origin),
    isClosed: row.IsClosed === true,
    createdAt: str(row.CreatedDate) ?? '',
    closedAt: str(row.ClosedDate),
    contactId: str(row.ContactId),
    accountId: str(row.AccountId),
  };
}

const STATUSES: ReadonlySet<string> = new Set(['PENDING', 'SENT', 'DELIVERED', 'FAILED']);

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
    createdAt: str(row.CreatedDate) ?? '',
    contactId: str(row.WhoId),
    // WhatId may point at an Account too; only a Case (500) is the follow-up's case.
    caseId: what?.startsWith('500') ? what : null,
  };
}
