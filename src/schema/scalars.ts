/** DateTime: graphql-scalars' RFC 3339 scalar; records carry Dates, which serialize as ISO 8601 with `Z`. */
import { DateTimeResolver } from 'graphql-scalars';
import { builder } from './builder';

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant in UTC, ISO 8601 with a `Z` suffix, e.g. 2026-11-25T09:30:00.000Z.',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/date-time',
});
