import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index';

describe('schema/schema.graphql', () => {
  it('is the schema printed from the code (run `npm run codegen` after a change)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(printSchema(buildSchema(committed))).toBe(printSchema(schema));
  });
});
