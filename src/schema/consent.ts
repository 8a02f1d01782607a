/** recordConsent: what a customer said about being contacted on a channel. */
import { IdempotencyConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { CustomerRecord } from '../domain/records';
import { recordConsent, type ConsentStatement } from '../services/record-consent';
import { afterWrite } from './after-write';
import { builder } from './builder';
import { costs } from './cost';
import { text } from './case';
import { ConsentStatusRef, CustomerRef } from './customer';

const ConsentChannelRef = builder.enumType('ConsentChannel', { values: ['EMAIL', 'SMS', 'CALL'] as const });

const RecordConsentInputRef = builder.inputType('RecordConsentInput', {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    channel: t.field({ type: ConsentChannelRef, required: true }),
    status: t.field({ type: ConsentStatusRef, required: true, description: 'OPTED_IN or OPTED_OUT; UNKNOWN is refused.' }),
    source: t.string({
      required: true,
      description: 'How the customer said it, kept for audit (up to 255 characters), e.g.\n"said yes to texts on an inbound call".',
    }),
    externalCallId: t.string({ required: false, description: 'The call on which it was said, when there is one.' }),
    idempotencyKey: t.string({ required: true, description: 'Unique per statement (up to 64 characters).' }),
  }),
});

const RecordConsentSuccessRef = builder.objectRef<{ customer: CustomerRecord; replayed: boolean }>('RecordConsentSuccess').implement({
  fields: (t) => ({
    customer: t.field({ type: CustomerRef, nullable: false, description: 'The customer with their consent as it now stands.', resolve: (s) => s.customer }),
    replayed: t.exposeBoolean('replayed', { nullable: false }),
  }),
});

/** recordConsent's input as the use case takes it. */
const statement = (input: typeof RecordConsentInputRef.$inferInput): ConsentStatement => ({
  customerId: String(input.customerId).trim(),
  channel: input.channel,
  status: input.status,
  source: input.source.trim(),
  externalCallId: text(input.externalCallId),
  idempotencyKey: input.idempotencyKey.trim(),
});

builder.mutationField('recordConsent', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 3 }),
    type: RecordConsentSuccessRef,
    nullable: false,
    description: "Records what the customer said about being contacted on a channel, in the\norg's consent fields, with an audit trail (who, when, how).",
    errors: { types: [ValidationError, NotFoundError, IdempotencyConflictError], directResult: true, union: { name: 'RecordConsentResult' } },
    args: { input: t.arg({ type: RecordConsentInputRef, required: true, description: 'What to write; see each field.' }) },
    resolve: (_root, { input }, ctx) => afterWrite(ctx, recordConsent(ctx, statement(input))),
  }),
);
