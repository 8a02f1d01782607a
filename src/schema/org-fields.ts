/**
 * The org's own fields (SALESFORCE_ORG_FILE) in the schema: one object per type, e.g.
 * `Customer.custom: CustomerCustomFields!`, typed from describe, each field described with its
 * label, API name and picklist values for GraphiQL's Docs. The contract's types stay as they are;
 * schema/schema.graphql stays the base schema (a deployment prints its own with
 * `npm start -- --print-schema`).
 *
 * Records carry the values under `custom`, by GraphQL name, read in the statements that read the
 * records: the default resolvers answer them, at no Salesforce call.
 *
 * The org's Case fields are writable too: `CreateCaseInput.custom` and `UpdateCaseInput.custom`
 * (`CaseCustomInput`, the same names as `Case.custom`), checked against describe before any write.
 */
import { extendSchema, parse, type GraphQLSchema } from 'graphql';
import type { CustomValue } from '../salesforce/cases';
import type { CustomField, CustomObject } from '../salesforce/records';

const OWNER: Record<CustomObject, string> = { Customer: 'Contact', Account: 'Account', Case: 'Case' };
const quote = (text: string) => JSON.stringify(text);

/** The base schema with the org's fields, or the base schema itself when none are declared. */
export function withOrgFields(base: GraphQLSchema, custom: Partial<Record<CustomObject, readonly CustomField[]>>): GraphQLSchema {
  const types = (Object.entries(custom) as [CustomObject, readonly CustomField[]][]).filter(([, fields]) => fields.length > 0);
  if (types.length === 0) return base;
  const needsDate = types.some(([, fields]) => fields.some((f) => f.type === 'Date'));
  const sdl = [
    needsDate && !base.getType('Date') ? `${quote('A calendar date, YYYY-MM-DD, as Salesforce stores it.')}\nscalar Date` : '',
    ...types.map(
      ([type, fields]) =>
        `${quote(`Fields of your org on ${type} (Salesforce ${OWNER[type]}), declared in the org file.`)}\ntype ${type}CustomFields {\n${fields
          .map((f) => `  ${quote(f.description)}\n  ${f.name}: ${f.type}`)
          .join('\n')}\n}\n` + `extend type ${type} {\n  ${quote("Your org's own fields (docs/your-org.md).")}\n  custom: ${type}CustomFields!\n}`,
    ),
    ...types
      .filter(([type]) => type === 'Case')
      .map(
        ([, fields]) =>
          `${quote("Values of your org's own Case fields, as Case.custom names them; each checked against the org before anything is written.")}\ninput CaseCustomInput {\n${fields
            .map((f) => `  ${quote(f.description)}\n  ${f.name}: ${f.type}`)
            .join('\n')}\n}\n` +
          `extend input CreateCaseInput {\n  ${quote("Your org's own Case fields (docs/your-org.md); they come before the org file's caseDefaults.")}\n  custom: CaseCustomInput\n}\n` +
          `extend input UpdateCaseInput {\n  ${quote("New values of your org's own Case fields (docs/your-org.md); null empties a field.")}\n  custom: CaseCustomInput\n}`,
      ),
  ].join('\n\n');
  return extendSchema(base, parse(sdl));
}

/** The `custom` values of a write's input, by Salesforce field (the org file's Case fields). */
export function customValuesOf(input: object, fields: readonly CustomField[] = []): CustomValue[] {
  const given = (input as { custom?: Record<string, unknown> | null }).custom ?? {};
  return fields.filter((f) => f.name in given).map((f) => ({ name: f.name, field: f.field, value: given[f.name] }));
}
