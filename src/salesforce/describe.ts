/** sObject describe, cached for the configured TTL (orgs change picklists rarely). */
import type { TtlCache } from './cache';
import type { SalesforceApi } from './api';

export interface DescribeField {
  name: string;
  label?: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  restrictedPicklist: boolean;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
}

export interface DescribeResult {
  name: string;
  fields: DescribeField[];
  recordTypeInfos?: {
    developerName: string;
    recordTypeId: string;
    active: boolean;
    available: boolean;
    master: boolean;
    defaultRecordTypeMapping?: boolean;
  }[];
}

export function describeObject(sf: SalesforceApi, cache: TtlCache, object: string): Promise<DescribeResult> {
  return cache.get(`describe:${object}`, () => sf.request<DescribeResult>('GET', `/sobjects/${object}/describe`));
}

/**
 * The values each picklist of `object` allows for a record type, by field: Salesforce's UI API
 * (User Interface API Developer Guide, "Get Values for All Picklist Fields of a Record Type"),
 * cached as describe is.
 */
export function recordTypePicklists(sf: SalesforceApi, cache: TtlCache, object: string, recordTypeId: string): Promise<Record<string, string[]>> {
  return cache.get(`picklists:${object}:${recordTypeId}`, async () => {
    const answer = await sf.request<{ picklistFieldValues?: Record<string, { values?: { value: string }[] }> }>(
      'GET',
      `/ui-api/object-info/${object}/picklist-values/${recordTypeId}`,
    );
    return Object.fromEntries(Object.entries(answer.picklistFieldValues ?? {}).map(([field, v]) => [field, (v.values ?? []).map((x) => x.value)]));
  });
}

/** Whether a field takes values from a list (single or multi-select picklist). */
export const isPicklist = (f: Pick<DescribeField, 'type'>) => f.type === 'picklist' || f.type === 'multipicklist';

/** The record type new records get when none is named: the user's default (null: none but Master). */
export function defaultRecordType(describe: DescribeResult): string | null {
  return describe.recordTypeInfos?.find((t) => !t.master && t.active && t.available && t.defaultRecordTypeMapping)?.recordTypeId ?? null;
}
