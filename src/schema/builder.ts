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
  /** read: every authenticated role; mutate: agents only (docs/security.md). */
  AuthScopes: { read: boolean; mutate: boolean };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({ read: ctx.principal !== null, mutate: ctx.principal?.role === 'agent' }),
    // Names the role that may, so that a designer in GraphiQL knows which key to use.
    unauthorizedError: (_parent, ctx, info) => {
      const mutation = info.parentType.name === 'Mutation';
      const role = ctx.principal?.role;
      return new CodedError({
        code: 'FORBIDDEN',
        message: mutation ? `Only an agent API key may run mutations${role ? `; this key's role is ${role}` : ''}.` : 'An API key is needed for this.',
        retryable: false,
        extensions: mutation ? { requiredRole: 'agent' } : {},
      });
    },
  },
  // Unions list exactly the error types the contract names: no defaults.
  errors: { defaultTypes: [] },
});

builder.queryType({ authScopes: { read: true } });
builder.mutationType({ authScopes: { mutate: true } });
builder.subscriptionType({ authScopes: { read: true } });
