/**
 * The subscriptions, for frontend tools (GraphQL over Server-Sent Events; docs/subscriptions.md):
 * - `agentActivity`: what voice agents do on live calls, as it happens. Published by the
 *   after-write step and the caller lookup; it costs no Salesforce call.
 * - `customerUpdated`: the customer, again after every change; its stream is the live-customers
 *   plugin's (src/http/use-live-customers.ts).
 */
import { ACTIVITY_KINDS, type AgentActivity } from '../domain/activity';
import { builder } from './builder';
import { CustomerRef } from './customer';
import type { CustomerRecord } from '../domain/records';
import { costs } from './cost';
import { parseIdArg } from './ids';

const AgentActivityKindRef = builder.enumType('AgentActivityKind', { values: ACTIVITY_KINDS });

const AgentActivityRef = builder.objectRef<AgentActivity>('AgentActivity').implement({
  description: 'One thing a voice agent did through this gateway.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', nullable: false, resolve: (a) => new Date(a.at) }),
    kind: t.expose('kind', { type: AgentActivityKindRef, nullable: false }),
    customerId: t.exposeID('customerId', { nullable: true, description: 'The customer it concerned, when known.' }),
    caseId: t.exposeID('caseId', { nullable: true, description: 'The case it concerned, when there is one.' }),
    client: t.exposeString('client', { nullable: false, description: "The API key's name (not the key) that did it." }),
    summary: t.exposeString('summary', { nullable: false, description: 'One line for a person, e.g. "Case 00001026 created: Router down".' }),
  }),
});

builder.subscriptionField('agentActivity', (t) =>
  t.field({
    type: AgentActivityRef,
    nullable: false,
    description:
      "What voice agents do on live calls, as they do it: a caller identified, a case\ncreated or updated, consent recorded, a follow-up sent, a call logged. Only\ncustomerId's activity when it is given. Costs no Salesforce call.",
    extensions: costs({ kind: 'calls', calls: 0 }),
    args: { customerId: t.arg.id({ required: false, description: 'Only this customer’s activity (their Contact Id).' }) },
    subscribe: (_root, args, ctx) =>
      ctx.activity.follow(ctx.principal?.name ?? 'anonymous', args.customerId == null ? null : parseIdArg(String(args.customerId), 'customerId')),
    resolve: (a) => a,
  }),
);

builder.subscriptionField('customerUpdated', (t) =>
  t.field({
    type: CustomerRef,
    nullable: false,
    description:
      'The customer as they are now, at once, and then again within seconds of every\nchange to them, their account, cases, follow-ups or calls, whether made in\nSalesforce by anyone or through this gateway. Subscribers of one customer share\neach re-read.',
    // The first read, as the query `customer` costs; each re-read is counted against the role's budget as it happens.
    extensions: costs({ kind: 'lookup', perQuery: 1 }),
    args: { customerId: t.arg.id({ required: true, description: "The customer's Salesforce Contact Id." }) },
    // Never reached: the live-customers plugin (src/http/use-live-customers.ts) replaces this
    // field's subscribe, so that the subscribers of one customer share each re-read.
    subscribe: () => {
      throw new Error('customerUpdated is served by the live-customers plugin, which is not installed');
    },
    resolve: (customer: CustomerRecord) => customer,
  }),
);
