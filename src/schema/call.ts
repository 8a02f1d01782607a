/** Call (a Task with TaskSubtype Call), Customer.calls, Case.calls and logCall. */
import { IdempotencyConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { CallRecord } from '../domain/records';
import { logCall, type CallInput } from '../services/log-call';
import { afterWrite } from './after-write';
import { builder } from './builder';
import { costs } from './cost';
import { CaseRef, idText, text } from './case';
import { CustomerRef } from './customer';
import { NodeRef } from './node';
import { childList, connectionRef, edgeFields, type Edge } from './pagination';

const CallDirectionRef = builder.enumType('CallDirection', { values: ['INBOUND', 'OUTBOUND'] as const });

export const CallRef = builder.objectRef<CallRecord>('Call').implement({
  description:
    'A phone call with a customer, logged in Salesforce as a completed Task with\nTaskSubtype Call (Type Call, CallType, CallDurationInSeconds, CallObject,\nCallDisposition, Description), on the customer and on the case when there is one.',
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    direction: t.expose('direction', { type: CallDirectionRef, nullable: false }),
    from: t.exposeString('from', { nullable: true, description: "The other party's number in E.164, as the telephony platform gave it." }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: false }),
    durationSeconds: t.exposeInt('durationSeconds', { nullable: false }),
    summary: t.exposeString('summary', { nullable: true, description: 'What happened on the call, in a few sentences.' }),
    outcome: t.exposeString('outcome', { nullable: true, description: 'How the call ended, in the platform\'s words (CallDisposition), e.g. "case created".' }),
    externalCallId: t.exposeString('externalCallId', {
      nullable: true,
      description: "The telephony platform's own id of the call (CallObject), e.g. a conversation id.",
    }),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      extensions: costs({ kind: 'batchedRecord' }),
      resolve: (c, _args, ctx) => (c.contactId ? ctx.loaders.customer.load(c.contactId) : null),
    }),
    case: t.field({
      type: CaseRef,
      nullable: true,
      extensions: costs({ kind: 'batchedRecord' }),
      resolve: (c, _args, ctx) => (c.caseId ? ctx.loaders.case.load(c.caseId) : null),
    }),
  }),
});

const CallConnectionRef = connectionRef(
  'Call',
  builder.objectRef<Edge<CallRecord>>('CallEdge').implement({
    fields: (t) => ({ ...edgeFields(t), node: t.field({ type: CallRef, nullable: false, resolve: (e) => e.node }) }),
  }),
);

for (const [parent, loader, description] of [
  [CustomerRef, 'callsByCustomer', 'Calls logged with this customer, newest first.'],
  [CaseRef, 'callsByCase', 'Calls logged about this case, newest first.'],
] as const) {
  childList(parent as typeof CustomerRef, 'calls', {
    connection: CallConnectionRef,
    description,
    noun: 'calls',
    defaultFirst: 5,
    load: (ctx, parentId, page) => ctx.loaders[loader].load({ parentId, ...page }),
    prime: (ctx, calls) => {
      for (const call of calls) ctx.loaders.call.prime(call.id, call);
    },
  });
}

const LogCallInputRef = builder.inputType('LogCallInput', {
  fields: (t) => ({
    customerId: t.id({ required: false, description: 'The customer the call was with; null for a caller with no record.' }),
    caseId: t.id({ required: false }),
    direction: t.field({ type: CallDirectionRef, required: true, defaultValue: 'INBOUND' }),
    from: t.string({ required: false, description: "The other party's number, in any format; stored in E.164." }),
    startedAt: t.field({ type: 'DateTime', required: true }),
    durationSeconds: t.int({ required: true, description: '0 to 86,400.' }),
    summary: t.string({ required: false, description: 'Up to 32,000 characters.' }),
    outcome: t.string({ required: false, description: 'Up to 255 characters.' }),
    externalCallId: t.string({ required: false, description: 'Up to 255 characters, e.g. the PolyAI conversation id.' }),
    idempotencyKey: t.string({ required: true, description: 'Unique per call (up to 64 characters). A retry never logs the call twice.' }),
  }),
});

const LogCallSuccessRef = builder.objectRef<{ call: CallRecord; replayed: boolean }>('LogCallSuccess').implement({
  fields: (t) => ({
    call: t.field({ type: CallRef, nullable: false, resolve: (s) => s.call }),
    replayed: t.exposeBoolean('replayed', { nullable: false }),
  }),
});

/** logCall's input as the use case takes it. */
const callInput = (input: typeof LogCallInputRef.$inferInput): CallInput => ({
  customerId: idText(input.customerId),
  caseId: idText(input.caseId),
  direction: input.direction ?? 'INBOUND',
  from: text(input.from),
  startedAt: input.startedAt as Date,
  durationSeconds: input.durationSeconds,
  summary: text(input.summary),
  outcome: text(input.outcome),
  externalCallId: text(input.externalCallId),
  idempotencyKey: input.idempotencyKey.trim(),
});

builder.mutationField('logCall', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 3 }),
    type: LogCallSuccessRef,
    nullable: false,
    description: 'Logs a call, typically as it ends.',
    errors: { types: [ValidationError, NotFoundError, IdempotencyConflictError], directResult: true, union: { name: 'LogCallResult' } },
    args: { input: t.arg({ type: LogCallInputRef, required: true, description: 'What to write; see each field.' }) },
    resolve: (_root, { input }, ctx) => afterWrite(ctx, logCall(ctx, callInput(input))),
  }),
);
