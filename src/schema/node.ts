/**
 * The Node interface and Query.node, which resolves an Id by its key prefix through the
 * request's loaders. This file imports no type file: the objects register themselves as
 * implementations, and resolveType works from the Id.
 */
import { objectOf } from '../domain/ids';
import { builder } from './builder';
import { costs } from './cost';
import { parseIdArg } from './ids';

export interface NodeRecord {
  id: string;
}

const TYPE_BY_OBJECT = { Account: 'Account', Contact: 'Customer', Case: 'Case', CaseComment: 'CaseComment', Task: 'FollowUp' } as const;

export const NodeRef = builder.interfaceRef<NodeRecord>('Node').implement({
  fields: (t) => ({ id: t.exposeID('id', { nullable: false }) }),
  resolveType: (value) => {
    const object = objectOf(value.id);
    // A Task is a follow-up or a logged call; only a call has a direction.
    if (object === 'Task' && 'direction' in value) return 'Call';
    return object ? TYPE_BY_OBJECT[object] : null;
  },
});

builder.queryField('node', (t) =>
  t.field({
    extensions: costs({ kind: 'lookup', perQuery: 6 }),
    type: NodeRef,
    nullable: true,
    description: 'Any record the API shows, by its Id; null when none has it.',
    args: { id: t.arg.id({ required: true, description: 'A Salesforce Id of a customer, account, case, comment, follow-up or call.' }) },
    resolve: async (_root, args, ctx) => {
      const id = parseIdArg(String(args.id));
      switch (objectOf(id)) {
        case 'Contact':
          return ctx.loaders.customer.load(id);
        case 'Account':
          return ctx.loaders.account.load(id);
        case 'Case':
          return ctx.loaders.case.load(id);
        case 'CaseComment':
          return ctx.loaders.caseComment.load(id);
        case 'Task': {
          const [followUp, call] = await Promise.all([ctx.loaders.followUp.load(id), ctx.loaders.call.load(id)]);
          return followUp ?? call;
        }
        default:
          return null;
      }
    },
  }),
);
