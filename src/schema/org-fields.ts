/**
 * The org's own fields (SALESFORCE_ORG_FILE) in the schema: one object per type, e.g.
 * `Customer.custom: CustomerCustomFields!`, typed from describe, each field described with its
 * label, API name and picklist values for GraphiQL's Docs. The contract's types stay as they are;
 * schema/schema.graphql stays the base schema (a deployment prints its own with
 * `npm start -- --print-schema`).
 *
 * Records carry the values under `custom`, by GraphQL name, read in the statements that read the
 * records: the default resolvers answer them, at no Salesforce call.
 */
import { extendSchema, parse, type GraphQLSchema } from 'graphql';
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
          .join('\n')}\n}\n` +
        `extend type ${type} {\n  ${quote("Your org's own fields (docs/your-org.md).")}\n  custom: ${type}CustomFields!\n}`,
    ),
  ].join('\n\n');
  return extendSchema(base, parse(sdl));
}
