/**
 * The printed schema against the public contract. The project keeps its own copy of the contract
 * (schema/contract.graphql), so a clone without ../shared still tests everything; when ../shared
 * is there, one more test checks that the copy is the contract in force.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  DangerousChangeType,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const printed = buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));

/**
 * The contract in force (revision 2 since 2026-12-05) and revision 3 (its subscriptions, served
 * since 2026-12-07), each with its shared original.
 */
const CONTRACTS = [
  { copy: new URL('../schema/contract.graphql', import.meta.url), shared: new URL('../../shared/contract/schema.graphql', import.meta.url) },
  { copy: new URL('../schema/contract-revision-3.graphql', import.meta.url), shared: new URL('../../shared/contract/revision-3.graphql', import.meta.url) },
];

describe.each(CONTRACTS.map((c) => [c.copy.pathname.split('/').pop()!, c] as const))('the public contract (schema/%s)', (_name, { copy }) => {
  const contract = buildSchema(readFileSync(copy, 'utf8'));

  it('is contained in the printed schema: no breaking change', () => {
    expect(findBreakingChanges(contract, printed).map((c) => c.description)).toEqual([]);
  });

  it('keeps argument defaults and enum values (no dangerous change but optional input fields)', () => {
    // An optional input field (createCase's recordType) leaves every client's documents
    // valid and meaning what they meant; an added enum value or a changed default would not.
    const dangerous = findDangerousChanges(contract, printed).filter((c) => c.type !== DangerousChangeType.OPTIONAL_INPUT_FIELD_ADDED);
    expect(dangerous.map((c) => c.description)).toEqual([]);
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

describe.each(CONTRACTS.map((c) => [c.copy.pathname.split('/').pop()!, c] as const))('the project copy %s', (_name, { copy, shared }) => {
  // Skipped (and reported as skipped) in a clone with no ../shared beside it.
  it.skipIf(!existsSync(shared))('equals its original in ../shared/contract', () => {
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });
});
