/**
 * updateCase: a new status or priority and/or a comment, exactly once per idempotency key. A Case
 * cannot carry the key (its key field holds the key that created it), so the change commits in
 * ONE transaction with an audit Task on the case that does: a retry meets the Task's unique key,
 * and reads the first result back from it (services/idempotent-write.ts).
 */
import { touched, type Touched, type WriteOutcome } from '../domain/write-outcome';
import { NotFoundError, ValidationError, type FieldError, checkNoReferences } from '../domain/errors';
import { checkIdOf, idOf } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import type { CaseCommentRecord, CaseRecord } from '../domain/records';
import { SalesforceError } from '../salesforce/errors';
import { checkCaseValues, customInputNames, customUpdate, type CustomValue } from '../salesforce/cases';
import { MissingRecord, compositeCall, queryPath, rowsOf } from '../salesforce/composite';
import { CASE_COMMENT_FIELDS, caseFields, toCase, toCaseComment } from '../salesforce/records';
import { eq, eqReference, reference, select } from '../salesforce/soql';
import { transaction } from '../salesforce/transaction';
import type { SubRequest } from '../salesforce/composite';
import type { ServiceDeps } from './context';
import { idempotentWrite } from './idempotent-write';
import { auditTask } from './audit';

export interface CaseUpdate {
  caseId: string;
  status: string | null;
  priority: string | null;
  comment: string | null;
  commentIsPublic: boolean;
  idempotencyKey: string;
  /** New values of the org's own Case fields (`custom` in the input). */
  custom?: readonly CustomValue[];
}

/** CaseComment.CommentBody holds at most this many characters. */
export const MAX_COMMENT = 4_000;

const INPUT_NAMES: Record<string, string> = { Status: 'status', Priority: 'priority', CommentBody: 'comment', ParentId: 'caseId', WhatId: 'caseId' };

function checkLocal(input: CaseUpdate): FieldError[] {
  const errors = checkIdempotencyKey(input.idempotencyKey);
  errors.push(...checkIdOf('caseId', input.caseId, 'Case', 'a case'));
  if (input.status === null && input.priority === null && input.comment === null && (input.custom ?? []).length === 0) {
    errors.push({ field: 'input', code: 'REQUIRED', message: 'Give a status, a priority, a comment or a custom value: there is nothing to change.' });
  }
  if (input.comment !== null && input.comment.length > MAX_COMMENT)
    errors.push({ field: 'comment', code: 'TOO_LONG', message: `comment may have at most ${MAX_COMMENT} characters.` });
  errors.push(...checkNoReferences({ comment: input.comment }));
  return errors;
}

/** The comment's Id as the audit Task records it, for a replay. */
const COMMENT_LINE = /^Comment: (00a[A-Za-z0-9]{12,15})$/m;

/** The case, and the comment the update added if it had one, as read in the write's own call (or the replay's). */
export type CaseUpdateResult = WriteOutcome<{ case: Touched<'Case'>; comment: Touched<'CaseComment'> | null }>;

/** The outcome from the case's Id, the comment's and what was read back. */
const updated = (
  replayed: boolean,
  caseId: string,
  commentId: string | null,
  read: { case: CaseRecord | null; comment: CaseCommentRecord | null },
): CaseUpdateResult => ({
  replayed,
  touched: { case: touched('Case', caseId, false, read.case), comment: commentId ? touched('CaseComment', commentId, true, read.comment) : null },
});

/** Errors that say the case is not there (the PATCH of a missing Id); a reference to its empty query is a MissingRecord. */
const MISSING = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY', 'INVALID_ID_FIELD']);

/**
 * ONE Salesforce call on its happy path: the case's read (its customer for the audit
 * Task, by reference), the change, the comment, the keyed audit Task and the read-back of the case
 * and the comment commit, or fail, together in one all-or-none `/composite`.
 */
export async function updateCase(deps: ServiceDeps, input: CaseUpdate): Promise<CaseUpdateResult> {
  const local = checkLocal(input);
  const picklists = () => checkCaseValues(deps.sf, deps.describeCache, { Status: input.status, Priority: input.priority });
  const own = () => customUpdate(deps.sf, deps.describeCache, input.custom ?? []);
  if (local.some((e) => e.field === 'idempotencyKey' || e.field === 'caseId')) throw new ValidationError(local);
  const caseId = idOf(input.caseId, 'Case')!;
  const { idempotencyKey, ...rest } = input;
  let written: { commentId: string | null; read: { case: CaseRecord | null; comment: CaseCommentRecord | null } } = {
    commentId: null,
    read: { case: null, comment: null },
  };
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey,
    // Without custom values the fingerprint is what it was before the org's fields could be written.
    fingerprint: fingerprint({
      operation: 'updateCase',
      ...rest,
      custom: rest.custom && rest.custom.length > 0 ? rest.custom.map((c) => [c.field, c.value]) : undefined,
      caseId,
    }),
    readFields: ['Description'],
    inputNames: { ...INPUT_NAMES, ...customInputNames(deps.settings.orgFields) },
    async prepare() {
      const custom = await own();
      const errors = [...local, ...(await picklists()), ...custom.errors];
      if (errors.length > 0) throw new ValidationError(errors);
      return custom.row;
    },
    async write(prepared, keyFields) {
      const subs: SubRequest[] = [
        { method: 'GET', path: queryPath(select({ fields: ['Id', 'ContactId'], from: 'Case', where: [eq('Id', caseId)] })), referenceId: 'target' },
      ];
      const change = { ...Object.fromEntries(Object.entries({ Status: input.status, Priority: input.priority }).filter(([, v]) => v !== null)), ...prepared };
      if (Object.keys(change).length > 0) subs.push({ method: 'PATCH', path: `/sobjects/Case/${caseId}`, referenceId: 'change', body: change });
      if (input.comment !== null) {
        subs.push({
          method: 'POST',
          path: '/sobjects/CaseComment',
          referenceId: 'comment',
          body: { ParentId: reference('target.records[0].Id'), CommentBody: input.comment, IsPublished: input.commentIsPublic },
        });
      }
      const lines = [...Object.entries(change).map(([field, value]) => `${field}: ${value}`), ...(input.comment !== null ? ['Comment: @{comment.id}'] : [])];
      const audit = auditTask(deps, { subject: 'Case updated through the customer gateway', lines, whoId: null, whatId: null });
      subs.push({
        method: 'POST',
        path: '/sobjects/Task',
        referenceId: 'audit',
        // On the case alone: its ContactId may be null, and a reference to a null field is not
        // documented (docs/writes.md).
        body: { ...audit, WhatId: reference('target.records[0].Id'), ...keyFields },
      });
      subs.push({
        method: 'GET',
        path: queryPath(select({ fields: caseFields(deps.settings.orgFields), from: 'Case', where: [eq('Id', caseId)] })),
        referenceId: 'updated',
      });
      if (input.comment !== null) {
        subs.push({
          method: 'GET',
          path: queryPath(select({ fields: CASE_COMMENT_FIELDS, from: 'CaseComment', where: [eqReference('Id', 'comment.id')] })),
          referenceId: 'added',
        });
      }
      let results;
      try {
        results = await transaction(deps.sf, subs, Object.keys(keyFields).length > 0);
      } catch (e) {
        const gone =
          (e instanceof MissingRecord && e.referenceId === 'target') || (e instanceof SalesforceError && e.kind === 'rejected' && MISSING.has(e.errorCode));
        if (gone) throw new NotFoundError('No case has this caseId; nothing was written.', input.caseId);
        throw e;
      }
      const [read] = rowsOf(results.updated);
      const [comment] = rowsOf(results.added);
      written = {
        commentId: results.comment?.id ?? null,
        read: { case: read ? toCase(read, deps.settings.orgFields) : null, comment: comment ? toCaseComment(comment) : null },
      };
      return results.audit!.id!;
    },
    replay: async (existing) => {
      // One call: the audit Task (which names the comment), the case and the comment, read together.
      const answers = await compositeCall(
        deps.sf,
        [
          { method: 'GET', path: queryPath(select({ fields: ['Id', 'Description'], from: 'Task', where: [eq('Id', existing.id)] })), referenceId: 'audit' },
          {
            method: 'GET',
            path: queryPath(select({ fields: caseFields(deps.settings.orgFields), from: 'Case', where: [eq('Id', caseId)] })),
            referenceId: 'updated',
          },
          {
            method: 'GET',
            path: queryPath(
              select({ fields: CASE_COMMENT_FIELDS, from: 'CaseComment', where: [eq('ParentId', caseId)], orderBy: [['CreatedDate', 'DESC']], limit: 200 }),
            ),
            referenceId: 'comments',
          },
        ],
        { allOrNone: false, keyed: false },
      );
      const commentId = COMMENT_LINE.exec(String(rowsOf(answers.audit)[0]?.Description ?? existing.row?.Description ?? ''))?.[1] ?? null;
      const [read] = rowsOf(answers.updated);
      const comment =
        rowsOf(answers.comments)
          .map(toCaseComment)
          .find((c) => c.id === commentId) ?? null;
      return updated(true, caseId, commentId, { case: read ? toCase(read, deps.settings.orgFields) : null, comment });
    },
    // A lost answer leaves commentId unknown here: the audit Task records it.
    created: async (id) =>
      written.read.case
        ? updated(false, caseId, written.commentId, written.read)
        : updated(false, caseId, await commentOf(deps, id), { case: null, comment: null }),
  });
}

async function commentOf(deps: ServiceDeps, auditId: string): Promise<string | null> {
  const result = await deps.sf.request<{ Description?: string | null }>('GET', `/sobjects/Task/${auditId}?fields=Description`);
  return COMMENT_LINE.exec(result.Description ?? '')?.[1] ?? null;
}
