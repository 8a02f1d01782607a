/** sObject describe, kept fresh in the background (salesforce/cache.ts; orgs change picklists rarely). */
import type { MetadataCache } from './cache';
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

export function describeObject(sf: SalesforceApi, cache: MetadataCache, object: string): Promise<DescribeResult> {
  return cache.get(`describe:${object}`, (client) => client.request<DescribeResult>('GET', `/sobjects/${object}/describe`), sf);
}

/**
 * The values each picklist of `object` allows for a record type, by field: Salesforce's UI API
 * (User Interface API Developer Guide, "Get Values for All Picklist Fields of a Record Type"),
 * cached as describe is.
 */
export function recordTypePicklists(sf: SalesforceApi, cache: MetadataCache, object: string, recordTypeId: string): Promise<Record<string, string[]>> {
  return cache.get(
    `picklists:${object}:${recordTypeId}`,
    async (client) => {
      const answer = await client.request<{ picklistFieldValues?: Record<string, { values?: { value: string }[] }> }>(
        'GET',
        `/ui-api/object-info/${object}/picklist-values/${recordTypeId}`,
      );
      return Object.fromEntries(Object.entries(answer.picklistFieldValues ?? {}).map(([field, v]) => [field, (v.values ?? []).map((x) => x.value)]));
    },
    sf,
  );
}

/** Whether a field takes values from a list (single or multi-select picklist). */
export const isPicklist = (f: Pick<DescribeField, 'type'>) => f.type === 'picklist' || f.type === 'multipicklist';

/** The record type new records get when none is named: the user's default (null: none but Master). */
export function defaultRecordType(describe: DescribeResult): string | null {
  return describe.recordTypeInfos?.find((t) => !t.master && t.active && t.available && t.defaultRecordTypeMapping)?.recordTypeId ?? null;
}
