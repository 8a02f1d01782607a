/**
 * updateCase: a new status or priority and/or a comment, exactly once per idempotency key. A Case
 * cannot carry the key (its key field holds the key that created it), so the change commits in
 * ONE transaction with an audit Task on the case that does: a retry meets the Task's unique key,
 * and reads the first result back from it (services/idempotent-write.ts).
 */
import { NotFoundError, ValidationError, type FieldError } from '../domain/errors';
import { checkIdOf, idOf } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import { checkCaseValues, findCasesByIds } from '../salesforce/cases';
import { transaction, type SubRequest } from '../salesforce/transaction';
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
}

/** CaseComment.CommentBody holds at most this many characters. */
export const MAX_COMMENT = 4_000;

const INPUT_NAMES: Record<string, string> = { Status: 'status', Priority: 'priority', CommentBody: 'comment', ParentId: 'caseId', WhatId: 'caseId' };

function checkLocal(input: CaseUpdate): FieldError[] {
  const errors = checkIdempotencyKey(input.idempotencyKey);
  errors.push(...checkIdOf('caseId', input.caseId, 'Case', 'a case'));
  if (input.status === null && input.priority === null && input.comment === null) {
    errors.push({ field: 'input', code: 'REQUIRED', message: 'Give a status, a priority or a comment: there is nothing to change.' });
  }
  if (input.comment !== null && input.comment.length > MAX_COMMENT) errors.push({ field: 'comment', code: 'TOO_LONG', message: `comment may have at most ${MAX_COMMENT} characters.` });
  return errors;
}

/** The comment's Id as the audit Task records it, for a replay. */
const COMMENT_LINE = /^Comment: (00a[A-Za-z0-9]{12,15})$/m;

export async function updateCase(deps: ServiceDeps, input: CaseUpdate): Promise<{ caseId: string; commentId: string | null; replayed: boolean }> {
  const local = checkLocal(input);
  const picklists = () => checkCaseValues(deps.sf, deps.describeCache, { Status: input.status, Priority: input.priority });
  if (local.some((e) => e.field === 'idempotencyKey' || e.field === 'caseId')) throw new ValidationError(local);
  const caseId = idOf(input.caseId, 'Case')!;
  const { idempotencyKey, ...rest } = input;
  let commentId: string | null = null;
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey,
    fingerprint: fingerprint({ operation: 'updateCase', ...rest, caseId }),
    readFields: ['Description'],
    inputNames: INPUT_NAMES,
    async prepare() {
      const errors = [...local, ...(await picklists())];
      if (errors.length > 0) throw new ValidationError(errors);
      const [found] = await findCasesByIds(deps.sf, [caseId]);
      if (!found) throw new NotFoundError('No case has this caseId; nothing was written.', input.caseId);
      return { contactId: found.contactId };
    },
    async write(prepared, keyFields) {
      const subs: SubRequest[] = [];
      const change = Object.fromEntries(Object.entries({ Status: input.status, Priority: input.priority }).filter(([, v]) => v !== null));
      if (Object.keys(change).length > 0) subs.push({ method: 'PATCH', path: `/sobjects/Case/${caseId}`, referenceId: 'change', body: change });
      if (input.comment !== null) {
        subs.push({ method: 'POST', path: '/sobjects/CaseComment', referenceId: 'comment', body: { ParentId: caseId, CommentBody: input.comment, IsPublished: input.commentIsPublic } });
      }
      const lines = [
        ...Object.entries(change).map(([field, value]) => `${field}: ${value}`),
        ...(input.comment !== null ? ['Comment: @{comment.id}'] : []),
      ];
      const audit = auditTask(deps, {
        subject: 'Case updated through the customer gateway',
        lines,
        whoId: prepared.contactId as string | null,
        whatId: caseId,
      });
      subs.push({ method: 'POST', path: '/sobjects/Task', referenceId: 'audit', body: { ...audit, ...keyFields } });
      const results = await transaction(deps.sf, subs, Object.keys(keyFields).length > 0);
      commentId = results.comment?.id ?? null;
      return results.audit!.id!;
    },
    replay: async (existing) => ({ caseId, commentId: COMMENT_LINE.exec(String(existing.row?.Description ?? ''))?.[1] ?? null, replayed: true as boolean }),
    // A lost answer leaves commentId unknown here: the audit Task records it.
    created: async (id) => ({ caseId, commentId: commentId ?? (await commentOf(deps, id)), replayed: false }),
  });
}

async function commentOf(deps: ServiceDeps, auditId: string): Promise<string | null> {
  const result = await deps.sf.request<{ Description?: string | null }>('GET', `/sobjects/Task/${auditId}?fields=Description`);
  return COMMENT_LINE.exec(result.Description ?? '')?.[1] ?? null;
}
