/** Case, its options, Customer.cases, Case.customer and the root fields that return cases. */
import { customValuesOf } from './org-fields';
import { IdempotencyConflictError, NotFoundError, ValidationError, badInput } from '../domain/errors';
import type { CaseCommentRecord, CaseRecord } from '../domain/records';
import type { CasePicklists, PicklistValue } from '../salesforce/cases';
import { createCase, type NewCaseInput } from '../services/create-case';
import { updateCase, type CaseUpdate } from '../services/update-case';
import { caseByNumber, caseOptions } from '../services/reads';
import { afterWrite } from './after-write';
import { builder } from './builder';
import { costs } from './cost';
import type { Context } from './context';
import { CustomerRef } from './customer';
import { parseIdArg } from './ids';
import { NodeRef } from './node';
import { childList, connectionRef, edgeFields, type Edge, keysetConnection, keysetPage } from './pagination';

export const CaseRef = builder.objectRef<CaseRecord>('Case').implement({
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    caseNumber: t.exposeString('caseNumber', { nullable: false }),
    subject: t.exposeString('subject', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    status: t.exposeString('status', { nullable: false, description: "A value of the org's Case.Status picklist." }),
    priority: t.exposeString('priority', { nullable: true, description: "A value of the org's Case.Priority picklist." }),
    origin: t.exposeString('origin', { nullable: true, description: "A value of the org's Case.Origin picklist." }),
    isClosed: t.exposeBoolean('isClosed', { nullable: false }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: false }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    suppliedName: t.exposeString('suppliedName', {
      nullable: true,
      description: 'For a case from a caller with no customer record: who called, as they said it.',
    }),
    suppliedPhone: t.exposeString('suppliedPhone', { nullable: true }),
    suppliedEmail: t.exposeString('suppliedEmail', { nullable: true }),
    customer: t.field({
      extensions: costs({ kind: 'batchedRecord' }),
      type: CustomerRef,
      nullable: true,
      resolve: (c, _args, ctx) => (c.contactId ? ctx.loaders.customer.load(c.contactId) : null),
    }),
  }),
});

const CaseCommentRef = builder.objectRef<CaseCommentRecord>('CaseComment').implement({
  description: "A comment on a case: Salesforce's CaseComment.",
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    body: t.exposeString('body', { nullable: false }),
    isPublic: t.exposeBoolean('isPublic', { nullable: false, description: 'Whether the customer can see it (e.g. in a portal).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: false }),
  }),
});

const CaseCommentConnectionRef = connectionRef(
  'CaseComment',
  builder.objectRef<Edge<CaseCommentRecord>>('CaseCommentEdge').implement({
    fields: (t) => ({ ...edgeFields(t), node: t.field({ type: CaseCommentRef, nullable: false, resolve: (e) => e.node }) }),
  }),
);

childList(CaseRef, 'comments', {
  connection: CaseCommentConnectionRef,
  description: 'Comments on the case (CaseComment), newest first.',
  noun: 'comments',
  defaultFirst: 10,
  load: (ctx, parentId, page) => ctx.loaders.commentsByCase.load({ parentId, ...page }),
  prime: (ctx, comments) => {
    for (const c of comments) ctx.loaders.caseComment.prime(c.id, c);
  },
});

const CaseStatusFilterRef = builder.enumType('CaseStatusFilter', { values: ['OPEN', 'CLOSED', 'ALL'] as const });

const CaseConnectionRef = connectionRef(
  'Case',
  builder.objectRef<Edge<CaseRecord>>('CaseEdge').implement({
    fields: (t) => ({ ...edgeFields(t), node: t.field({ type: CaseRef, nullable: false, resolve: (e) => e.node }) }),
  }),
);

builder.objectField(CustomerRef, 'cases', (t) =>
  t.field({
    extensions: costs({ kind: 'batchedList' }),
    type: CaseConnectionRef,
    nullable: true,
    description: "The customer's cases, newest first.",
    args: {
      status: t.arg({ type: CaseStatusFilterRef, required: false, defaultValue: 'ALL', description: 'Open cases, closed cases, or all of them.' }),
      first: t.arg.int({ required: true, defaultValue: 10, description: 'How many cases, 1 to 50.' }),
      after: t.arg.string({ required: false, description: 'The cursor of the last case of the previous page (pageInfo.endCursor).' }),
    },
    resolve: async (customer, args, ctx) => {
      const page = keysetPage(args.first, args.after);
      const result = await ctx.loaders.casesByCustomer.load({ parentId: customer.id, status: args.status ?? 'ALL', ...page });
      ctx.loaders.prime.cases(result.records);
      return keysetConnection(result, page);
    },
  }),
);

builder.queryField('case', (t) =>
  t.field({
    extensions: costs({ kind: 'lookup', perQuery: 1 }),
    type: CaseRef,
    nullable: true,
    description: 'A case by its Id; null when none has it.',
    args: { id: t.arg.id({ required: true, description: "The case's Salesforce Id (15 or 18 characters)." }) },
    resolve: (_root, args, ctx) => {
      const id = parseIdArg(String(args.id));
      return id.startsWith('500') ? ctx.loaders.case.load(id) : null;
    },
  }),
);

builder.queryField('caseByNumber', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 1 }),
    type: CaseRef,
    nullable: true,
    description: 'A case by its number. Leading zeros may be left out ("1026" finds\n"00001026"). With customerId, a case of another customer is null.',
    args: {
      caseNumber: t.arg.string({ required: true, description: 'The case number as the caller says it, 1 to 10 digits.' }),
      customerId: t.arg.id({ required: false, description: "Only this customer's case: another customer's is null (the caller's own cases only)." }),
    },
    resolve: async (_root, args, ctx) => {
      const digits = args.caseNumber.trim();
      if (!/^\d{1,10}$/.test(digits)) throw badInput('caseNumber must be 1 to 10 digits', 'caseNumber');
      const customerId = args.customerId === null || args.customerId === undefined ? null : parseIdArg(String(args.customerId), 'customerId');
      return caseByNumber(ctx, digits, customerId);
    },
  }),
);

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
    extensions: costs({ kind: 'calls', calls: 1 }),
    type: CaseOptionsRef,
    nullable: true,
    description: "The statuses, priorities and origins createCase and updateCase accept, from the org's Case picklists.",
    resolve: (_root, _args, ctx) => caseOptions(ctx),
  }),
);

const CreateCaseInputRef = builder.inputType('CreateCaseInput', {
  fields: (t) => ({
    customerId: t.id({ required: false, description: 'The customer (Contact) the case is about; its Account is set too.' }),
    suppliedName: t.string({ required: false, description: 'For a caller with no customer record: who called, as they said it.' }),
    suppliedPhone: t.string({ required: false }),
    suppliedEmail: t.string({ required: false }),
    subject: t.string({ required: true }),
    description: t.string({ required: false }),
    status: t.string({ required: false, description: "Defaults to the org's default Case.Status." }),
    priority: t.string({ required: false }),
    origin: t.string({ required: false, description: "Defaults to the gateway's configured origin (Phone when the org has it)." }),
    recordType: t.string({
      required: false,
      description: "The developer name of one of the org's Case record types (e.g. Complaint); the user's default when absent.",
    }),
    idempotencyKey: t.string({
      required: true,
      description:
        'Unique per attempt to create one case (up to 64 characters), e.g. derived from\nthe conversation id. Retrying with the same key returns the case created the\nfirst time and never creates a second one. Keys are kept for at least 24 hours\nand are scoped to the calling client.',
    }),
  }),
});

const CreateCaseSuccessRef = builder.objectRef<{ case: CaseRecord; replayed: boolean }>('CreateCaseSuccess').implement({
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: false, resolve: (s) => s.case }),
    replayed: t.exposeBoolean('replayed', { nullable: false, description: 'True when this answer is the replay of an earlier call with the same key.' }),
  }),
});

/** Trimmed text, or null for absent or blank input. */
export const text = (v: string | null | undefined): string | null => {
  const trimmed = v?.trim();
  return trimmed ? trimmed : null;
};

/** An optional ID argument (GraphQL may give a number) as trimmed text, or null. */
export const idText = (v: string | number | null | undefined): string | null => text(v === null || v === undefined ? null : String(v));

/** createCase's input as the use case takes it: trimmed, blanks as absent, the org's own fields gathered. */
const newCase = (input: typeof CreateCaseInputRef.$inferInput, ctx: Context): NewCaseInput => ({
  customerId: idText(input.customerId),
  suppliedName: text(input.suppliedName),
  suppliedPhone: text(input.suppliedPhone),
  suppliedEmail: text(input.suppliedEmail),
  subject: text(input.subject) ?? '',
  description: text(input.description),
  status: text(input.status),
  priority: text(input.priority),
  origin: text(input.origin),
  recordType: text(input.recordType),
  idempotencyKey: input.idempotencyKey.trim(),
  custom: customValuesOf(input, ctx.settings.orgFields.custom?.Case),
});

builder.mutationField('createCase', (t) =>
  t.field({
    // One /composite on the happy path; a retry the outcome store does not know, or an unknown
    // outcome, adds the key's look-up and a read; a cold describe, one call.
    extensions: costs({ kind: 'calls', calls: 3 }),
    type: CreateCaseSuccessRef,
    nullable: false,
    description:
      'Opens a case for a customer, or for a caller with no record (from the supplied\nname, phone and email). A retry with the same idempotencyKey answers the case\nthe first one created and never creates a second.',
    errors: { types: [ValidationError, NotFoundError, IdempotencyConflictError], directResult: true, union: { name: 'CreateCaseResult' } },
    args: { input: t.arg({ type: CreateCaseInputRef, required: true, description: 'What to write; see each field.' }) },
    resolve: (_root, { input }, ctx) => afterWrite(ctx, createCase(ctx, newCase(input, ctx))),
  }),
);

const UpdateCaseInputRef = builder.inputType('UpdateCaseInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    status: t.string({ required: false, description: "A value of the org's Case.Status picklist." }),
    priority: t.string({ required: false, description: "A value of the org's Case.Priority picklist." }),
    comment: t.string({ required: false, description: 'Added to the case as a CaseComment; the description is never overwritten.' }),
    commentIsPublic: t.boolean({ required: true, defaultValue: false, description: 'Whether the comment is visible to the customer. Default false.' }),
    idempotencyKey: t.string({ required: true, description: 'Unique per change (up to 64 characters). A retry never applies the change twice.' }),
  }),
});

const UpdateCaseSuccessRef = builder.objectRef<{ case: CaseRecord; comment: CaseCommentRecord | null; replayed: boolean }>('UpdateCaseSuccess').implement({
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: false, resolve: (s) => s.case }),
    comment: t.field({ type: CaseCommentRef, nullable: true, description: 'The comment this update added, if it had one.', resolve: (s) => s.comment }),
    replayed: t.exposeBoolean('replayed', { nullable: false }),
  }),
});

/** updateCase's input as the use case takes it. */
const caseUpdate = (input: typeof UpdateCaseInputRef.$inferInput, ctx: Context): CaseUpdate => ({
  caseId: String(input.caseId).trim(),
  status: text(input.status),
  priority: text(input.priority),
  comment: text(input.comment),
  commentIsPublic: input.commentIsPublic ?? false,
  idempotencyKey: input.idempotencyKey.trim(),
  custom: customValuesOf(input, ctx.settings.orgFields.custom?.Case),
});

builder.mutationField('updateCase', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 3 }),
    type: UpdateCaseSuccessRef,
    nullable: false,
    description: "Changes a case's status or priority and/or adds a comment.",
    errors: { types: [ValidationError, NotFoundError, IdempotencyConflictError], directResult: true, union: { name: 'UpdateCaseResult' } },
    args: { input: t.arg({ type: UpdateCaseInputRef, required: true, description: 'What to write; see each field.' }) },
    resolve: (_root, { input }, ctx) => afterWrite(ctx, updateCase(ctx, caseUpdate(input, ctx))),
  }),
);
