/**
 * The printed schema against the public contract. The project keeps its own copy of the contract
 * (schema/contract.graphql), so a clone without ../shared still tests everything; when ../shared
 * is there, one more test checks that the copy is the contract in force.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const COPY = new URL('../schema/contract.graphql', import.meta.url);
const SHARED = new URL('../../shared/contract/schema.graphql', import.meta.url);
const printed = buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));

describe('the public contract (schema/contract.graphql)', () => {
  const contract = buildSchema(readFileSync(COPY, 'utf8'));

  it('is contained in the printed schema: no breaking change', () => {
    expect(findBreakingChanges(contract, printed).map((c) => c.description)).toEqual([]);
  });

  it('keeps argument defaults and enum values (no dangerous change)', () => {
    expect(findDangerousChanges(contract, printed).map((c) => c.description)).toEqual([]);
  });

  it('serves every contract type with at least its fields', () => {
    const served = (t: GraphQLNamedType) => printed.getType(t.name);
    for (const type of Object.values(contract.getTypeMap()).filter((t) => !t.name.startsWith('__'))) {
      expect(served(type), `${type.name} is missing`).toBeDefined();
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        const ours = served(type) as typeof type;
        for (const field of Object.keys(type.getFields())) expect(Object.keys(ours.getFields())).toContain(field);
      }
    }
  });
});

describe('the project copy of the contract', () => {
  // Skipped (and reported as skipped) in a clone with no ../shared beside it.
  it.skipIf(!existsSync(SHARED))('equals ../shared/contract/schema.graphql', () => {
    expect(readFileSync(COPY, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });
});
