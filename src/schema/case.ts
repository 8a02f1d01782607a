/** Case, its options, and the root fields that return them. */
import { casePicklists, type CasePicklists, type PicklistValue } from '../salesforce/cases';
import { toClientError } from '../errors';
import { builder } from './builder';

const PicklistValueRef = builder.objectRef<PicklistValue>('PicklistValue').implement({
  fields: (t) => ({
    value: t.exposeString('value', { nullable: false }),
    label: t.exposeString('label', { nullable: false }),
    isDefault: t.exposeBoolean('isDefault', { nullable: false }),
  }),
});

const CaseOptionsRef = builder.objectRef<CasePicklists>('CaseOptions').implement({
  description: "The values that the org's Case picklists accept, read from Salesforce.",
  fields: (t) => ({
    statuses: t.expose('statuses', { type: [PicklistValueRef], nullable: false }),
    priorities: t.expose('priorities', { type: [PicklistValueRef], nullable: false }),
    origins: t.expose('origins', { type: [PicklistValueRef], nullable: false }),
  }),
});

builder.queryField('caseOptions', (t) =>
  t.field({
    type: CaseOptionsRef,
    resolve: (_root, _args, ctx) => casePicklists(ctx.sf, ctx.describeCache).catch((e) => Promise.reject(toClientError(e))),
  }),
);
