import { GraphQLError, Kind } from 'graphql';
import { parseDateTime } from '../salesforce/records';
import { builder } from './builder';

/** Salesforce writes `2013-05-20T20:49:32.000+0000`; clients get `2013-05-20T20:49:32.000Z`. */
function toIso(value: Date | string): string {
  const d = value instanceof Date ? value : new Date(parseDateTime(value));
  if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
  return d.toISOString();
}

function parseIso(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with an offset, e.g. 2026-11-25T09:30:00.000Z');
  }
  return new Date(value);
}

builder.scalarType('DateTime', {
  description: 'An instant in UTC, ISO 8601 with a `Z` suffix, e.g. 2026-11-25T09:30:00.000Z.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
  serialize: (value) => toIso(value as Date | string),
  parseValue: parseIso,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseIso(ast.value);
  },
});
