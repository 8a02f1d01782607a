/** sObject describe, cached for the configured TTL (orgs change picklists rarely). */
import type { TtlCache } from './cache';
import type { SalesforceApi } from './client';

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
  recordTypeInfos?: { developerName: string; recordTypeId: string; active: boolean; available: boolean; master: boolean }[];
}

export function describeObject(sf: SalesforceApi, cache: TtlCache, object: string): Promise<DescribeResult> {
  return cache.get(`describe:${object}`, () => sf.request<DescribeResult>('GET', `/sobjects/${object}/describe`));
}
