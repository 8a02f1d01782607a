/** Cases: picklists, lookups and pages of a customer's cases. */
import type { CaseStatusFilter } from '../domain/context-shape';
import type { FieldError } from '../domain/errors';
import type { TtlCache } from './cache';
import type { SalesforceApi } from './client';
import { describeObject, type DescribeResult } from './describe';
import { childPages, type PageRequest } from './pages';
import type { CaseRecord, Page } from '../domain/records';
import { CASE_FIELDS, toCase } from './records';
import { chunk, idIn, isTrue, select, textIn, type Condition } from './soql';

type Row = Record<string, unknown>;

export interface PicklistValue {
  value: string;
  label: string;
  isDefault: boolean;
}

export interface CasePicklists {
  statuses: PicklistValue[];
  priorities: PicklistValue[];
  origins: PicklistValue[];
}

/** The active values of Case.Status, Case.Priority and Case.Origin, from describe. */
export async function casePicklists(sf: SalesforceApi, cache: TtlCache): Promise<CasePicklists> {
  const describe = await describeObject(sf, cache, 'Case');
  const values = (name: string): PicklistValue[] =>
    (describe.fields.find((f) => f.name === name)?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label, isDefault: p.defaultValue }));
  return { statuses: values('Status'), priorities: values('Priority'), origins: values('Origin') };
}

export async function findCasesByIds(sf: SalesforceApi, ids: readonly string[]): Promise<CaseRecord[]> {
  const pages = await Promise.all(chunk(ids).map((part) => sf.query<Row>(select({ fields: CASE_FIELDS, from: 'Case', where: [idIn('Id', part)] }))));
  return pages.flatMap((p) => p.records.map(toCase));
}

/**
 * A case by its number, which may come without its leading zeros ("1026" finds "00001026").
 * Auto-numbers are zero-padded to the display format's width, so every width up to 10 is tried.
 */
export async function findCaseByNumber(sf: SalesforceApi, digits: string): Promise<CaseRecord | null> {
  const bare = digits.replace(/^0+(?=\d)/, '');
  const widths = Array.from({ length: Math.max(1, 11 - bare.length) }, (_, i) => bare.padStart(bare.length + i, '0'));
  const result = await sf.query<Row>(select({ fields: CASE_FIELDS, from: 'Case', where: [textIn('CaseNumber', widths)], limit: 2 }));
  return result.records[0] ? toCase(result.records[0]) : null;
}

export const STATUS_CONDITION: Record<CaseStatusFilter, Condition | null> = { OPEN: isTrue('IsClosed', false), CLOSED: isTrue('IsClosed', true), ALL: null };

/** One page of cases for each contact, newest first, in one query per chunk of contacts. */
export function findCasesByContacts(
  sf: SalesforceApi,
  contactIds: readonly string[],
  status: CaseStatusFilter,
  page: PageRequest,
): Promise<Map<string, Page<CaseRecord>>> {
  return childPages(sf, { parent: 'Contact', relationship: 'Cases', fields: CASE_FIELDS, where: [STATUS_CONDITION[status]], map: toCase }, contactIds, page);
}

// ---------------------------------------------------------------------------------------------
// createCase: validated, idempotent.

/** The fields of a new case, as its input names them. */
export interface CaseFields {
  subject: string;
  description: string | null;
  status: string | null;
  priority: string | null;
  origin: string | null;
  suppliedName: string | null;
  suppliedPhone: string | null;
  suppliedEmail: string | null;
}

/** Input names of the Case fields, for errors Salesforce reports by API name. */
export const CASE_INPUT_NAMES: Record<string, string> = {
  Subject: 'subject',
  Description: 'description',
  Status: 'status',
  Priority: 'priority',
  Origin: 'origin',
  SuppliedName: 'suppliedName',
  SuppliedPhone: 'suppliedPhone',
  SuppliedEmail: 'suppliedEmail',
  ContactId: 'customerId',
  AccountId: 'customerId',
};

/** Lengths and picklist values as the org's describe has them (orgs customise both). */
function checkAgainstDescribe(describe: DescribeResult, values: Record<string, string | null>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [apiName, value] of Object.entries(values)) {
    if (value === null) continue;
    const f = describe.fields.find((x) => x.name === apiName);
    const input = CASE_INPUT_NAMES[apiName] ?? apiName;
    if (!f) continue;
    if (f.type === 'picklist') {
      const allowed = f.picklistValues.filter((p) => p.active).map((p) => p.value);
      if (!allowed.includes(value)) {
        errors.push({ field: input, code: 'INVALID_PICKLIST_VALUE', message: `${input} must be one of: ${allowed.join(', ')}.` });
      }
    } else if (f.length > 0 && value.length > f.length) {
      errors.push({ field: input, code: 'TOO_LONG', message: `${input} may have at most ${f.length} characters.` });
    }
  }
  return errors;
}

/**
 * The Case row to write (API names, empty values left out) and what the org's describe says is
 * wrong with it. The default origin applies when the org's Origin picklist has it.
 */
export async function caseRow(
  sf: SalesforceApi,
  cache: TtlCache,
  fields: CaseFields,
  defaultOrigin: string | null,
): Promise<{ row: Record<string, unknown>; errors: FieldError[] }> {
  const describe = await describeObject(sf, cache, 'Case');
  const origins = describe.fields.find((f) => f.name === 'Origin')?.picklistValues.map((p) => p.value) ?? [];
  const origin = fields.origin ?? (defaultOrigin && origins.includes(defaultOrigin) ? defaultOrigin : null);
  const values: Record<string, string | null> = {
    Subject: fields.subject || null,
    Description: fields.description,
    Status: fields.status,
    Priority: fields.priority,
    Origin: origin,
    SuppliedName: fields.suppliedName,
    SuppliedPhone: fields.suppliedPhone,
    SuppliedEmail: fields.suppliedEmail,
  };
  const row = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
  return { row, errors: checkAgainstDescribe(describe, values) };
}

/** What the org's describe says is wrong with new values of Case fields (API names; null: unchanged). */
export async function checkCaseValues(sf: SalesforceApi, cache: TtlCache, values: Record<string, string | null>): Promise<FieldError[]> {
  return checkAgainstDescribe(await describeObject(sf, cache, 'Case'), values);
}

/** The Contact and Account fields that tie a case to its customer. */
export function caseCustomerFields(contact: { id: string; accountId: string | null }): Record<string, unknown> {
  return contact.accountId ? { ContactId: contact.id, AccountId: contact.accountId } : { ContactId: contact.id };
}
