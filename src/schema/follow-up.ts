/** FollowUp (a Task with a follow-up channel), Customer.followUps and Case.followUps. */
import { ConsentError, DeliveryError, IdempotencyConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { FollowUpRecord } from '../domain/records';
import { sendFollowUp, type FollowUpInput } from '../services/send-follow-up';
import { afterWrite } from './after-write';
import { builder } from './builder';
import { costs } from './cost';
import { CaseRef, idText, text } from './case';
import { ErrorInterface } from './errors';
import { ConsentStatusRef, CustomerRef } from './customer';
import { NodeRef } from './node';
import { childList, connectionRef, edgeFields, type Edge } from './pagination';

export const FollowUpChannelRef = builder.enumType('FollowUpChannel', { values: ['SMS', 'EMAIL'] as const });

export const FollowUpStatusRef = builder.enumType('FollowUpStatus', {
  values: {
    PENDING: { description: 'Recorded; not yet accepted by the provider.' },
    SENT: { description: 'Accepted by the provider; delivery not yet confirmed.' },
    DELIVERED: { description: 'Confirmed delivered by the provider.' },
    FAILED: { description: 'The provider refused or could not deliver it.' },
  } as const,
});

export const FollowUpRef = builder.objectRef<FollowUpRecord>('FollowUp').implement({
  description: 'A message sent to a customer after a conversation, recorded in Salesforce as a\nTask on the customer (and on the case, when there is one).',
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    channel: t.expose('channel', { type: FollowUpChannelRef, nullable: false }),
    to: t.exposeString('to', { nullable: false, description: 'The E.164 phone number (SMS) or email address (EMAIL) it was sent to.' }),
    subject: t.exposeString('subject', { nullable: true }),
    body: t.exposeString('body', { nullable: false }),
    status: t.expose('status', { type: FollowUpStatusRef, nullable: false }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: false }),
    customer: t.field({
      extensions: costs({ kind: 'batchedRecord' }),
      type: CustomerRef,
      nullable: true,
      resolve: (f, _args, ctx) => (f.contactId?.startsWith('003') ? ctx.loaders.customer.load(f.contactId) : null),
    }),
    case: t.field({
      extensions: costs({ kind: 'batchedRecord' }),
      type: CaseRef,
      nullable: true,
      resolve: (f, _args, ctx) => (f.caseId ? ctx.loaders.case.load(f.caseId) : null),
    }),
  }),
});

const FollowUpConnectionRef = connectionRef(
  'FollowUp',
  builder.objectRef<Edge<FollowUpRecord>>('FollowUpEdge').implement({
    fields: (t) => ({ ...edgeFields(t), node: t.field({ type: FollowUpRef, nullable: false, resolve: (e) => e.node }) }),
  }),
);

for (const [parent, loader, description] of [
  [CustomerRef, 'followUpsByCustomer', 'Follow-up messages sent to the customer, newest first.'],
  [CaseRef, 'followUpsByCase', 'Follow-up messages sent about this case, newest first.'],
] as const) {
  childList(parent as typeof CustomerRef, 'followUps', {
    connection: FollowUpConnectionRef,
    description,
    noun: 'follow-ups',
    defaultFirst: 10,
    load: (ctx, parentId, page) => ctx.loaders[loader].load({ parentId, ...page }),
    prime: (ctx, followUps) => ctx.loaders.prime.followUps(followUps),
  });
}

builder.objectType(ConsentError, {
  name: 'ConsentError',
  description: "The customer's consent does not allow this channel; nothing was sent.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    channel: t.expose('channel', { type: FollowUpChannelRef, nullable: false }),
    consentStatus: t.expose('consentStatus', {
      type: ConsentStatusRef,
      nullable: false,
      description:
        "The customer's consent on this channel as recorded: OPTED_OUT, or UNKNOWN when\nthe gateway's policy for the channel is opt-in (ask, then recordConsent).",
    }),
  }),
});

builder.objectType(DeliveryError, {
  name: 'DeliveryError',
  description: 'The provider refused the message (e.g. a landline for SMS); another channel may work.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    channel: t.expose('channel', { type: FollowUpChannelRef, nullable: false }),
    followUp: t.field({
      type: FollowUpRef,
      nullable: false,
      description:
        'The recorded follow-up, with status FAILED. Non-null, like\nSendFollowUpSuccess.followUp, so that one selection of `followUp` can cover both\nmembers of SendFollowUpResult.',
      resolve: (e) => e.followUp as FollowUpRecord,
    }),
  }),
});

const SendFollowUpInputRef = builder.inputType('SendFollowUpInput', {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    caseId: t.id({ required: false }),
    channel: t.field({ type: FollowUpChannelRef, required: true }),
    to: t.string({
      required: false,
      description:
        "One of the customer's own stored numbers (SMS) or their email (EMAIL), in any\nformat. Defaults to the mobile, then the phone, for SMS; the email for EMAIL.",
    }),
    subject: t.string({ required: false, description: 'Required for EMAIL.' }),
    body: t.string({ required: true, description: 'At most 1,600 characters for SMS.' }),
    idempotencyKey: t.string({
      required: true,
      description: 'Unique per message (up to 64 characters). Retrying with the same key returns\nthe first follow-up and never sends the message twice.',
    }),
  }),
});

const SendFollowUpSuccessRef = builder.objectRef<{ followUp: FollowUpRecord; replayed: boolean }>('SendFollowUpSuccess').implement({
  fields: (t) => ({
    followUp: t.field({ type: FollowUpRef, nullable: false, resolve: (s) => s.followUp }),
    replayed: t.exposeBoolean('replayed', { nullable: false }),
  }),
});

/** sendFollowUp's input as the use case takes it. */
const followUpInput = (input: typeof SendFollowUpInputRef.$inferInput): FollowUpInput => ({
  customerId: String(input.customerId).trim(),
  caseId: idText(input.caseId),
  channel: input.channel,
  to: text(input.to),
  subject: text(input.subject),
  body: input.body.trim(),
  idempotencyKey: input.idempotencyKey.trim(),
});

builder.mutationField('sendFollowUp', (t) =>
  t.field({
    // The composite with the intent, the outcome with the read-back; a lost answer adds the key and the customer.
    extensions: costs({ kind: 'calls', calls: 4 }),
    type: SendFollowUpSuccessRef,
    nullable: false,
    description:
      'Sends a customer an SMS or an email, once their consent allows it, and records\nit in Salesforce as a follow-up. A retry with the same idempotencyKey answers the\nfirst follow-up and never sends the message twice.',
    errors: {
      types: [ValidationError, NotFoundError, ConsentError, IdempotencyConflictError, DeliveryError],
      directResult: true,
      union: { name: 'SendFollowUpResult' },
    },
    args: { input: t.arg({ type: SendFollowUpInputRef, required: true, description: 'What to write; see each field.' }) },
    resolve: (_root, { input }, ctx) => afterWrite(ctx, sendFollowUp(ctx, followUpInput(input))),
  }),
);
