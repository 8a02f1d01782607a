/** Cases: picklists, lookups and creation. */
import type { TtlCache } from './cache';
import type { SalesforceApi } from './client';
import { describeObject } from './describe';

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
export async function casePicklists(sf: SalesforceApi, cache: TtlCache<unknown>): Promise<CasePicklists> {
  const describe = await describeObject(sf, cache, 'Case');
  const values = (name: string): PicklistValue[] =>
    (describe.fields.find((f) => f.name === name)?.picklistValues ?? [])
      .filter((p) => p.active)
      .map((p) => ({ value: p.value, label: p.label, isDefault: p.defaultValue }));
  return { statuses: values('Status'), priorities: values('Priority'), origins: values('Origin') };
}
