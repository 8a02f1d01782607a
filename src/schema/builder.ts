/**
 * The one SchemaBuilder: context, scalars, plugins, and the root types with who may use them.
 * It declares no types. Plugin order: scope-auth first, then errors.
 */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { CodedError } from '../domain/errors';
import type { Context } from './context';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: true;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  /** read: every authenticated role; mutate: agents only (README, "Keys and roles"). */
  AuthScopes: { read: boolean; mutate: boolean };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({ read: ctx.principal !== null, mutate: ctx.principal?.role === 'agent' }),
    unauthorizedError: () => new CodedError({ code: 'FORBIDDEN', message: 'This API key is not allowed to do this.', retryable: false }),
  },
  // Unions list exactly the error types the contract names (STYLE rule 11): no defaults.
  errors: { defaultTypes: [] },
});

builder.queryType({ authScopes: { read: true } });
builder.mutationType({ authScopes: { mutate: true } });
