/**
 * The one SchemaBuilder: context, scalars, plugins, and the root types with who may use them.
 * It declares no types. Plugin order: scope-auth first, then errors.
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from '../context';
import { codedError } from '../errors';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: true;
  Scalars: { DateTime: { Input: Date; Output: Date | string } };
  /** read: every authenticated role; mutate: agents only (README, "Keys and roles"). */
  AuthScopes: { read: boolean; mutate: boolean };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({ read: ctx.principal !== null, mutate: ctx.principal?.role === 'agent' }),
    unauthorizedError: () => codedError('FORBIDDEN', 'This API key is not allowed to do this.', false),
  },
  // Unions list exactly the error types the contract names (STYLE rule 11): no defaults.
  errors: { defaultTypes: [] },
});

builder.queryType({ authScopes: { read: true } });
builder.mutationType({ authScopes: { mutate: true } });
