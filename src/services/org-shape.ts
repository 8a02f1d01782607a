/**
 * The org's own shape, checked against describe when the gateway starts: the fields the org file
 * declares (each must exist and be readable by the integration user: describe leaves out the
 * fields it cannot read), the phone fields of the lookup, and the defaults of required Case
 * fields. Whether the org has person accounts is read off describe too (Contact.IsPersonAccount).
 * A problem stops start-up with one line each, naming the file's entry.
 */
import type { SalesforceApi } from '../salesforce/api';
import type { MetadataCache } from '../salesforce/cache';
import { describeObject, isPicklist, recordTypePicklists, type DescribeField, type DescribeResult } from '../salesforce/describe';
import { DEFAULT_PHONE_FIELDS, type CustomField, type CustomFieldType, type CustomObject, type OrgFields } from '../salesforce/records';

/** The object behind each GraphQL type. */
const SOBJECT: Record<CustomObject, string> = { Customer: 'Contact', Account: 'Account', Case: 'Case' };

const GRAPHQL_TYPE: Record<string, CustomFieldType> = {
  string: 'String',
  textarea: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  picklist: 'String',
  multipicklist: 'String',
  combobox: 'String',
  encryptedstring: 'String',
  time: 'String',
  int: 'Int',
  double: 'Float',
  currency: 'Float',
  percent: 'Float',
  long: 'Float',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'DateTime',
  reference: 'ID',
  id: 'ID',
};

export class OrgShapeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The org file does not fit the org:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OrgShapeError';
  }
}

/** What the org file declares (env/org-file.ts parses it). */
export interface OrgDeclaration {
  fields?: Partial<Record<CustomObject, Record<string, string>>>;
  phoneFields?: readonly string[];
  caseDefaults?: Readonly<Record<string, string | number | boolean>>;
}

export interface OrgSetup {
  orgFields: OrgFields;
  caseDefaults: Record<string, string | number | boolean>;
}

function describeText(object: string, f: DescribeField): string {
  const values = f.picklistValues.filter((p) => p.active).map((p) => p.value);
  const list = values.length > 0 ? ` One of: ${values.join(', ')}${f.type === 'multipicklist' ? ' (several, separated by ;)' : ''}.` : '';
  return `${f.label ?? f.name} (${object}.${f.name}, ${f.type}).${list}`;
}

/** The objects whose describe the writes read: Case (its values, its key fields), Task (its key fields). */
export const WRITE_OBJECTS = ['Case', 'Task'] as const;

/**
 * Checks the org file against describe (Contact, Case and Task, and Account when the file names
 * its fields) and answers the org fields the gateway reads with. The describes go through the
 * app's metadata cache, which keeps them fresh from then on, so no write ever waits for one.
 * @throws OrgShapeError listing every problem
 */
export async function checkOrgShape(sf: SalesforceApi, cache: MetadataCache, base: OrgFields, file: OrgDeclaration | null): Promise<OrgSetup> {
  // Contact's shape, and what the writes read (Case's picklists and key fields, Task's key fields):
  // loaded now and kept fresh in the background, never on a live call.
  const objects = new Set<string>(['Contact', ...WRITE_OBJECTS]);
  for (const [type, fields] of Object.entries(file?.fields ?? {})) if (Object.keys(fields ?? {}).length > 0) objects.add(SOBJECT[type as CustomObject]);
  if (Object.keys(file?.caseDefaults ?? {}).length > 0) objects.add('Case');
  const described = new Map<string, DescribeResult>();
  await Promise.all([...objects].map(async (o) => described.set(o, await describeObject(sf, cache, o))));
  const fieldOf = (object: string, name: string) => described.get(object)?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  const problems: string[] = [];
  const missing = (where: string, object: string, name: string) =>
    problems.push(
      `SALESFORCE_ORG_FILE: ${where}: ${object} has no field ${name} that the integration user can read (check the API name and its field-level security)`,
    );

  const custom: Partial<Record<CustomObject, CustomField[]>> = {};
  for (const [type, fields] of Object.entries(file?.fields ?? {}) as [CustomObject, Record<string, string>][]) {
    const object = SOBJECT[type];
    for (const [name, apiName] of Object.entries(fields)) {
      const f = fieldOf(object, apiName);
      if (!f) {
        missing(`fields.${type}.${name}`, object, apiName);
        continue;
      }
      const graphqlType = GRAPHQL_TYPE[f.type];
      if (!graphqlType) {
        problems.push(`SALESFORCE_ORG_FILE: fields.${type}.${name}: ${object}.${f.name} is of type ${f.type}, which the gateway cannot expose`);
        continue;
      }
      (custom[type] ??= []).push({ name, field: f.name, type: graphqlType, description: describeText(object, f) });
    }
  }

  const phoneFields = file?.phoneFields?.map((name, i) => {
    const f = fieldOf('Contact', name);
    if (!f) missing(`phoneFields[${i}]`, 'Contact', name);
    else if (f.type !== 'phone' && f.type !== 'string')
      problems.push(`SALESFORCE_ORG_FILE: phoneFields[${i}]: Contact.${f.name} is of type ${f.type}, not phone`);
    return f?.name ?? name;
  });

  const caseDefaults: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(file?.caseDefaults ?? {})) {
    const f = fieldOf('Case', name);
    if (!f) missing(`caseDefaults.${name}`, 'Case', name);
    else if (!f.createable) problems.push(`SALESFORCE_ORG_FILE: caseDefaults.${name}: Case.${f.name} cannot be set by the integration user`);
    else if (f.type === 'picklist' && f.restrictedPicklist && !f.picklistValues.some((p) => p.active && p.value === value)) {
      problems.push(`SALESFORCE_ORG_FILE: caseDefaults.${name}: not a value of the Case.${f.name} picklist`);
    } else caseDefaults[f.name] = value;
  }
  if (problems.length > 0) throw new OrgShapeError(problems);
  // The Case picklists the agent may set (its own fields, caseDefaults) are checked per record
  // type before any write: each active record type's values are read now, not on a live call.
  const casePicklists = [...(custom.Case ?? []).map((c) => c.field), ...Object.keys(caseDefaults)].some((name) => {
    const f = fieldOf('Case', name);
    return f !== undefined && isPicklist(f);
  });
  const caseTypes = (described.get('Case')?.recordTypeInfos ?? []).filter((t) => !t.master && t.active && t.available);
  if (casePicklists) await Promise.all(caseTypes.map((t) => recordTypePicklists(sf, cache, 'Case', t.recordTypeId)));
  return {
    orgFields: {
      ...base,
      phoneFields: phoneFields ?? DEFAULT_PHONE_FIELDS,
      personAccounts: fieldOf('Contact', 'IsPersonAccount') !== undefined,
      custom,
    },
    caseDefaults,
  };
}
