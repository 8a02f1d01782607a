/**
 * The Error interface and the error object types shared by the mutations, each bound to its class
 * in src/errors.ts. Types that name a domain type (ConsentError, DeliveryError) live with it, in
 * follow-up.ts. This file imports no type file.
 */
import { IdempotencyConflictError, NotFoundError, ValidationError, type FieldError } from '../domain/errors';
import { builder } from './builder';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message', { nullable: false }) }),
});

const FieldErrorCodeRef = builder.enumType('FieldErrorCode', {
  values: {
    REQUIRED: {},
    INVALID: {},
    INVALID_PICKLIST_VALUE: {},
    TOO_LONG: {},
    NOT_ALLOWED: { description: "The value is not allowed here, e.g. a number that is not the customer's." },
  } as const,
});

const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  fields: (t) => ({
    field: t.exposeString('field', { nullable: false, description: 'The input field, e.g. "priority".' }),
    code: t.expose('code', { type: FieldErrorCodeRef, nullable: false }),
    message: t.exposeString('message', { nullable: false }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], nullable: false, resolve: (e) => e.fieldErrors }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'A record that the input names does not exist; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ id: t.exposeID('id', { nullable: false }) }),
});

const IdempotencyConflictReasonRef = builder.enumType('IdempotencyConflictReason', {
  values: {
    DIFFERENT_INPUT: { description: 'The key was used before with a different input.' },
    IN_PROGRESS: { description: 'The first call with this key is still running; retry shortly.' },
  } as const,
});

builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  description: 'Nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ reason: t.expose('reason', { type: IdempotencyConflictReasonRef, nullable: false }) }),
});
