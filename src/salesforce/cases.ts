/** Cases: picklists, lookups and pages of a customer's cases. */
import type { CaseStatusFilter } from '../domain/context-shape';
import type { FieldError } from '../domain/errors';
import type { MetadataCache } from './cache';
import type { SalesforceApi } from './api';
import { defaultRecordType, describeObject, isPicklist, recordTypePicklists, type DescribeField, type DescribeResult } from './describe';
import { childPages, type PageRequest } from './pages';
import type { CaseRecord, Page } from '../domain/records';
import { caseFields, toCase, type OrgFields } from './records';
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
export async function casePicklists(sf: SalesforceApi, cache: MetadataCache): Promise<CasePicklists> {
  const describe = await describeObject(sf, cache, 'Case');
  const values = (name: string): PicklistValue[] =>
    (describe.fields.find((f) => f.name === name)?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label, isDefault: p.defaultValue }));
  return { statuses: values('Status'), priorities: values('Priority'), origins: values('Origin') };
}

export async function findCasesByIds(sf: SalesforceApi, config: OrgFields, ids: readonly string[]): Promise<CaseRecord[]> {
  const pages = await Promise.all(chunk(ids).map((part) => sf.query<Row>(select({ fields: caseFields(config), from: 'Case', where: [idIn('Id', part)] }))));
  return pages.flatMap((p) => p.records.map((r) => toCase(r, config)));
}

/**
 * A case by its number, which may come without its leading zeros ("1026" finds "00001026").
 * Auto-numbers are zero-padded to the display format's width, so every width up to 10 is tried.
 */
export async function findCaseByNumber(sf: SalesforceApi, config: OrgFields, digits: string): Promise<CaseRecord | null> {
  const bare = digits.replace(/^0+(?=\d)/, '');
  const widths = Array.from({ length: Math.max(1, 11 - bare.length) }, (_, i) => bare.padStart(bare.length + i, '0'));
  // Any case may come to have this number (a new one, a restored one).
  sf.reads?.search('Case');
  const result = await sf.query<Row>(select({ fields: caseFields(config), from: 'Case', where: [textIn('CaseNumber', widths)], limit: 2 }));
  return result.records[0] ? toCase(result.records[0], config) : null;
}

export const STATUS_CONDITION: Record<CaseStatusFilter, Condition | null> = { OPEN: isTrue('IsClosed', false), CLOSED: isTrue('IsClosed', true), ALL: null };

/** One page of cases for each contact, newest first, in one query per chunk of contacts. */
export function findCasesByContacts(
  sf: SalesforceApi,
  config: OrgFields,
  contactIds: readonly string[],
  status: CaseStatusFilter,
  page: PageRequest,
): Promise<Map<string, Page<CaseRecord>>> {
  return childPages(
    sf,
    { parent: 'Contact', relationship: 'Cases', fields: caseFields(config), where: [STATUS_CONDITION[status]], map: (r) => toCase(r, config) },
    contactIds,
    page,
  );
}

// ---------------------------------------------------------------------------------------------
// createCase: validated, idempotent.

/** A value of one of the org's own Case fields (the org file's), as `custom.<name>` gives it. */
export interface CustomValue {
  /** The GraphQL name, e.g. `productLine`. */
  name: string;
  /** The Salesforce API name, e.g. `Product_Line__c`. */
  field: string;
  value: unknown;
}

/** `custom.<name>` for the org's own Case fields, by API name (for Salesforce's refusals). */
export function customInputNames(config: OrgFields): Record<string, string> {
  return Object.fromEntries((config.custom?.Case ?? []).map((f) => [f.field, `custom.${f.name}`]));
}

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
  /** A Case record type's developer name. */
  recordType?: string | null;
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
  RecordTypeId: 'recordType',
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

/** The record type of a developer name among the org's active, available Case record types. */
function recordTypeOf(describe: DescribeResult, developerName: string): { id: string | null; error: FieldError | null } {
  const types = (describe.recordTypeInfos ?? []).filter((t) => !t.master && t.active && t.available);
  const found = types.find((t) => t.developerName === developerName);
  if (found) return { id: found.recordTypeId, error: null };
  const names = types.map((t) => t.developerName);
  const message = names.length > 0 ? `recordType must be one of: ${names.join(', ')}.` : 'This org has no Case record types to choose from.';
  return { id: null, error: { field: 'recordType', code: 'INVALID', message } };
}

/** A value as Salesforce takes it: dates as ISO text. */
function wireValue(f: DescribeField, v: unknown): unknown {
  if (!(v instanceof Date)) return v;
  return f.type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
}

/**
 * What describe (and the record type's picklist values) say is wrong with values of the org's own
 * Case fields, checked before any write: a field the integration user cannot set, a picklist value
 * outside the active ones or the record type's, text over its length. Each refusal names
 * `custom.<name>` (or, for a caseDefault of a field the org file does not declare, its API name).
 */
function checkCustom(
  describe: DescribeResult,
  values: readonly CustomValue[],
  mode: 'create' | 'update',
  allowed: Record<string, string[]> | null,
  recordType: string | null,
): { row: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const row: Record<string, unknown> = {};
  for (const c of values) {
    const input = c.name.includes('.') ? c.name : `custom.${c.name}`;
    const f = describe.fields.find((x) => x.name === c.field);
    if (!f) continue;
    if (!(mode === 'create' ? f.createable : f.updateable)) {
      errors.push({ field: input, code: 'NOT_ALLOWED', message: `${input} (Case.${f.name}) cannot be set by the integration user.` });
      continue;
    }
    if (c.value === null || c.value === undefined) {
      row[f.name] = null;
      continue;
    }
    const value = wireValue(f, c.value);
    if (isPicklist(f) && typeof value === 'string') {
      const active = f.picklistValues.filter((p) => p.active).map((p) => p.value);
      const forType = allowed?.[f.name];
      const choices = forType ? active.filter((v) => forType.includes(v)) : active;
      const given = f.type === 'multipicklist' ? value.split(';') : [value];
      if (!given.every((v) => choices.includes(v))) {
        const why = forType && given.every((v) => active.includes(v)) ? ` (record type ${recordType})` : '';
        errors.push({ field: input, code: 'INVALID_PICKLIST_VALUE', message: `${input} must be one of: ${choices.join(', ')}${why}.` });
        continue;
      }
    } else if (typeof value === 'string' && f.length > 0 && value.length > f.length) {
      errors.push({ field: input, code: 'TOO_LONG', message: `${input} may have at most ${f.length} characters.` });
      continue;
    }
    row[f.name] = value;
  }
  return { row, errors };
}

/**
 * The Case row to write (API names, empty values left out) and what the org's describe says is
 * wrong with it. The default origin applies when the org's Origin picklist has it; the org's own
 * fields come from `custom` first, then from `defaults` (the org file's caseDefaults), each checked
 * against describe and the record type's picklist values; a declared field that is required and
 * has neither is refused; a record type is named by its developer name (the user's default
 * otherwise, as Salesforce gives one).
 */
export async function caseRow(
  sf: SalesforceApi,
  cache: MetadataCache,
  fields: CaseFields,
  defaultOrigin: string | null,
  defaults: Readonly<Record<string, unknown>> = {},
  custom: readonly CustomValue[] = [],
  config: Pick<OrgFields, 'custom'> = {},
): Promise<{ row: Record<string, unknown>; errors: FieldError[] }> {
  const describe = await describeObject(sf, cache, 'Case');
  const recordType = fields.recordType ? recordTypeOf(describe, fields.recordType) : null;
  const typeId = recordType ? recordType.id : defaultRecordType(describe);
  const typeName = fields.recordType ?? describe.recordTypeInfos?.find((t) => t.recordTypeId === typeId)?.developerName ?? null;
  const declared = config.custom?.Case ?? [];
  const given = new Set(custom.map((c) => c.field));
  // Defaults stand in for the org's fields the input leaves out, named as the input would name them.
  const fromDefaults: CustomValue[] = Object.entries(defaults)
    .filter(([field]) => !given.has(field))
    .map(([field, value]) => {
      const own = declared.find((d) => d.field === field);
      return { name: own ? `custom.${own.name}` : `caseDefaults.${field}`, field, value };
    });
  const picklistsNeeded = [...custom, ...fromDefaults].some((c) => describe.fields.some((f) => f.name === c.field && isPicklist(f)));
  const allowed = typeId && picklistsNeeded ? await recordTypePicklists(sf, cache, 'Case', typeId) : null;
  const own = checkCustom(describe, [...custom, ...fromDefaults], 'create', allowed, typeName);
  const required = declared.filter((d) => {
    const f = describe.fields.find((x) => x.name === d.field);
    return (
      f &&
      !f.nillable &&
      f.createable &&
      f.type !== 'boolean' &&
      (own.row[f.name] === undefined || own.row[f.name] === null) &&
      !own.errors.some((e) => e.field === `custom.${d.name}`)
    );
  });
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
  const row = {
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)),
    ...Object.fromEntries(Object.entries(own.row).filter(([, v]) => v !== null)),
    ...(recordType?.id ? { RecordTypeId: recordType.id } : {}),
  };
  return {
    row,
    errors: [
      ...checkAgainstDescribe(describe, values),
      ...(recordType?.error ? [recordType.error] : []),
      ...own.errors,
      ...required.map((d) => ({ field: `custom.${d.name}`, code: 'REQUIRED' as const, message: `custom.${d.name} is required by the org (Case.${d.field}).` })),
    ],
  };
}

/** What the org's describe says is wrong with new values of Case fields (API names; null: unchanged). */
export async function checkCaseValues(sf: SalesforceApi, cache: MetadataCache, values: Record<string, string | null>): Promise<FieldError[]> {
  return checkAgainstDescribe(await describeObject(sf, cache, 'Case'), values);
}

/**
 * New values of the org's own Case fields for an update: checked against describe (the case's
 * record type is not known without reading it; Salesforce refuses a value its record type does not
 * allow, and that refusal names the same input field).
 */
export async function customUpdate(
  sf: SalesforceApi,
  cache: MetadataCache,
  custom: readonly CustomValue[],
): Promise<{ row: Record<string, unknown>; errors: FieldError[] }> {
  if (custom.length === 0) return { row: {}, errors: [] };
  return checkCustom(await describeObject(sf, cache, 'Case'), custom, 'update', null, null);
}

/** The Contact and Account fields that tie a case to its customer. */
export function caseCustomerFields(contact: { id: string; accountId: string | null }): Record<string, unknown> {
  return contact.accountId ? { ContactId: contact.id, AccountId: contact.accountId } : { ContactId: contact.id };
}
