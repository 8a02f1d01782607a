/** The one SchemaBuilder: context, scalars, plugins and empty roots. It declares no types. */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import type { Context } from '../context';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: true;
  Scalars: { DateTime: { Input: Date; Output: Date | string } };
}>({
  plugins: [ErrorsPlugin],
  // Unions list exactly the error types the contract names (STYLE rule 11): no defaults.
  errors: { defaultTypes: [] },
});

builder.queryType({});
builder.mutationType({});
