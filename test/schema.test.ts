import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, parse, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { priceOperation } from '../src/http/policy/upstream-price';
import { schema } from '../src/schema/index';

describe('schema/schema.graphql', () => {
  it('is the schema printed from the code (run `npm run codegen` after a change)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(printSchema(buildSchema(committed))).toBe(printSchema(schema));
  });
});

describe('what each field costs in Salesforce calls', () => {
  const roots = [schema.getQueryType()!, schema.getMutationType()!];

  it('is declared on every root field and every list the loaders batch', () => {
    for (const type of roots) {
      const undeclared = Object.values(type.getFields()).filter((f) => !f.extensions.cost);
      expect(undeclared.map((f) => `${type.name}.${f.name}`)).toEqual([]);
    }
    // Every paged list under a record is a batched list.
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || roots.includes(type)) continue;
      for (const f of Object.values(type.getFields())) {
        if (/Connection$/.test(getNamedType(f.type).name)) expect(f.extensions.cost?.kind, `${type.name}.${f.name}`).toBe('batchedList');
      }
    }
  });

  it('prices operations by those declarations', () => {
    const price = (query: string) => priceOperation(schema, parse(query), null, {});
    // The lookup's 3 calls, and one batched query for the cases of its (at most 5) matches.
    expect(price('{ customersByPhone(phone: "+14155550134", first: 5) { matches { customer { cases(first: 10) { edges { node { id } } } } } } }')).toBe(4);
    // Every alias of a root field on its own.
    expect(price('{ a: customersByPhone(phone: "1") { outcome } b: customersByPhone(phone: "2") { outcome } }')).toBe(6);
    // Look-ups by Id share the loaders: one query for two customers; node may take a query per kind.
    expect(price('{ a: customer(id: "003000000000001") { id } b: customer(id: "003000000000002") { id } }')).toBe(1);
    expect(price('{ a: node(id: "003000000000001") { id } b: node(id: "500000000000002") { id } }')).toBe(2);
    expect(price('mutation { createCase(input: { subject: "s", idempotencyKey: "k" }) { __typename } }')).toBe(3);
  });
});
