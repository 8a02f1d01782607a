/** FollowUp (a Task with a follow-up channel), Customer.followUps and Case.followUps. */
import { toClientError } from '../errors';
import { primeFollowUps } from '../salesforce/loaders';
import type { FollowUpRecord } from '../salesforce/records';
import { builder } from './builder';
import { CaseRef } from './case';
import { CustomerRef } from './customer';
import { NodeRef } from './node';
import { connectionRef, keysetConnection, keysetPage } from './pagination';

const rethrow = (e: unknown): never => {
  throw toClientError(e);
};

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
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (f) => f.createdAt }),
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      resolve: (f, _args, ctx) => (f.contactId?.startsWith('003') ? ctx.loaders.customer.load(f.contactId).catch(rethrow) : null),
    }),
    case: t.field({
      type: CaseRef,
      nullable: true,
      resolve: (f, _args, ctx) => (f.caseId ? ctx.loaders.case.load(f.caseId).catch(rethrow) : null),
    }),
  }),
});

const FollowUpConnectionRef = connectionRef('FollowUp', FollowUpRef as never);

for (const [parent, loader, description] of [
  [CustomerRef, 'followUpsByCustomer', 'Follow-up messages sent to the customer, newest first.'],
  [CaseRef, 'followUpsByCase', 'Follow-up messages sent about this case, newest first.'],
] as const) {
  builder.objectField(parent as typeof CustomerRef, 'followUps', (t) =>
    t.field({
      type: FollowUpConnectionRef,
      nullable: true,
      description,
      args: { first: t.arg.int({ required: true, defaultValue: 10 }), after: t.arg.string({ required: false }) },
      resolve: async (record, args, ctx) => {
        const page = keysetPage(args.first, args.after);
        const result = await ctx.loaders[loader].load({ parentId: record.id, ...page }).catch(rethrow);
        primeFollowUps(ctx.loaders, result.records);
        return keysetConnection(result, page);
      },
    }),
  );
}
