/**
 * `agentActivity`: what voice agents do on live calls, pushed to frontend tools as it happens
 * (GraphQL over Server-Sent Events). Published by the after-write step and the caller lookup;
 * it costs no Salesforce call.
 */
import { ACTIVITY_KINDS, type AgentActivity } from '../domain/activity';
import { builder } from './builder';
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
