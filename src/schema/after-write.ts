/**
 * The one step after every write. A use case answers what it wrote and touched (a WriteOutcome);
 * this step makes the rest of the request and every replica see it:
 *
 * - the request's loaders forget the touched records and the lists that show them, then hold the
 *   records the write's own call read back (so the answer costs no further call);
 * - each touched record is loaded for the answer: a replay whose record was deleted since is
 *   told so (NotFoundError), and a new write that cannot be read is a fault;
 * - a write that was not a replay drops the cached answers that showed those records or their
 *   parents' lists, on every replica.
 *
 * Resolvers stay mappers: `afterWrite(ctx, useCase(ctx, input))`.
 */
import { activityOf, duration, type ActivityKind } from '../domain/activity';
import { DeliveryError, NotFoundError } from '../domain/errors';
import type { Touched, TouchedRecords, WriteOutcome, WrittenKind, WrittenKinds } from '../domain/write-outcome';
import type { Loaders } from '../salesforce/loaders';
import type { Context } from './context';

interface Kind<K extends WrittenKind> {
  /** Forgets the record, and every list that may show it. */
  forget(l: Loaders, id: string): void;
  hold(l: Loaders, record: WrittenKinds[K]): void;
  load(l: Loaders, id: string): Promise<WrittenKinds[K] | null>;
  /** Records whose lists show this one (nulls are skipped). */
  parents(record: WrittenKinds[K]): (string | null)[];
  /** What a replay is told when the record its key wrote has been deleted since. */
  deleted?: string;
  /** The answer may show null for it (a replay's comment deleted since). */
  optional?: true;
}

const KINDS: { [K in WrittenKind]: Kind<K> } = {
  Case: {
    forget: (l, id) => (l.case.clear(id), l.casesByCustomer.clearAll()),
    hold: (l, r) => l.prime.cases([r]),
    load: (l, id) => l.case.load(id),
    parents: (r) => [r.contactId, r.accountId],
    deleted: 'The case this idempotencyKey created has since been deleted in Salesforce.',
  },
  CaseComment: {
    forget: (l, id) => (l.caseComment.clear(id), l.commentsByCase.clearAll()),
    hold: (l, r) => l.caseComment.prime(r.id, r),
    load: (l, id) => l.caseComment.load(id),
    parents: (r) => [r.caseId],
    optional: true,
  },
  FollowUp: {
    forget: (l, id) => (l.followUp.clear(id), l.followUpsByCustomer.clearAll(), l.followUpsByCase.clearAll()),
    hold: (l, r) => l.followUp.prime(r.id, r),
    load: (l, id) => l.followUp.load(id),
    parents: (r) => [r.contactId, r.caseId],
  },
  Call: {
    forget: (l, id) => (l.call.clear(id), l.callsByCustomer.clearAll(), l.callsByCase.clearAll()),
    hold: (l, r) => l.call.prime(r.id, r),
    load: (l, id) => l.call.load(id),
    parents: (r) => [r.contactId, r.caseId],
    deleted: 'The call this idempotencyKey logged has since been deleted in Salesforce.',
  },
  Customer: {
    forget: (l, id) => l.customer.clear(id),
    hold: (l, r) => l.prime.customers([r]),
    load: (l, id) => l.customer.load(id),
    parents: (r) => [r.account?.id ?? null],
  },
};

const kindOf = <K extends WrittenKind>(t: Touched<K>) => KINDS[t.kind] as unknown as Kind<K>;

/** The answer's records, by the roles the outcome named them. */
export type Settled<T extends TouchedRecords> = { replayed: boolean } & {
  [R in keyof T]: T[R] extends Touched<infer K> ? WrittenKinds[K] : T[R] extends Touched<infer K> | null ? WrittenKinds[K] | null : never;
};

/** Reads a touched record for the answer (from what the write read back when it could). */
async function settle(ctx: Context, t: Touched, replayed: boolean): Promise<WrittenKinds[WrittenKind] | null> {
  const kind = kindOf(t);
  kind.forget(ctx.loaders, t.id);
  if (t.record) kind.hold(ctx.loaders, t.record);
  const record = await kind.load(ctx.loaders, t.id);
  if (record) return record;
  if (replayed && t.created && kind.deleted) throw new NotFoundError(kind.deleted, t.id);
  if (replayed && kind.optional) return null;
  throw new Error(`${t.kind} ${t.id} was written but cannot be read back`);
}

/** Tells frontend tools what the voice agent just did (no Salesforce call; never a body or a key). */
function publish(ctx: Context, t: Touched, record: WrittenKinds[WrittenKind], roles: [string, Touched | null][]): void {
  const one = (kind: ActivityKind, customerId: string | null, caseId: string | null, summary: string) =>
    ctx.activity.publish(activityOf(kind, ctx.principal?.name ?? ctx.clientId, summary, customerId, caseId));
  if (t.kind === 'Case') {
    const c = record as WrittenKinds['Case'];
    const commented = roles.some(([, r]) => r?.kind === 'CaseComment');
    if (t.created) one('CASE_CREATED', c.contactId, c.id, `Case ${c.caseNumber} created: ${c.subject ?? '(no subject)'}`);
    else one('CASE_UPDATED', c.contactId, c.id, `Case ${c.caseNumber} updated: ${c.status}${commented ? ', comment added' : ''}`);
  } else if (t.kind === 'FollowUp') {
    const f = record as WrittenKinds['FollowUp'];
    one('FOLLOW_UP_SENT', f.contactId, f.caseId, `${f.channel === 'SMS' ? 'SMS' : 'Email'} follow-up ${f.status.toLowerCase()}`);
  } else if (t.kind === 'Call') {
    const c = record as WrittenKinds['Call'];
    one('CALL_LOGGED', c.contactId, c.caseId, `${c.direction === 'INBOUND' ? 'Inbound' : 'Outbound'} call logged (${duration(c.durationSeconds)})`);
  } else if (t.kind === 'Customer') {
    const c = record as WrittenKinds['Customer'];
    one('CONSENT_RECORDED', c.id, null, `Consent recorded for ${c.name}`);
  }
}

export async function afterWrite<T extends TouchedRecords>(ctx: Context, write: Promise<WriteOutcome<T>>): Promise<Settled<T>> {
  let outcome: WriteOutcome<T>;
  try {
    outcome = await write;
  } catch (e) {
    // A refused delivery still recorded its follow-up: the error carries it, as now read back.
    if (e instanceof DeliveryError && typeof e.followUp === 'string') {
      const recorded = await settle(ctx, { kind: 'FollowUp', id: e.followUp, created: true, record: null }, false);
      throw new DeliveryError(e.channel, recorded, e.message);
    }
    throw e;
  }
  const roles = Object.entries(outcome.touched);
  const records = await Promise.all(roles.map(([, t]) => (t ? settle(ctx, t, outcome.replayed) : null)));
  if (!outcome.replayed) {
    const first = roles.findIndex(([, t]) => t !== null);
    if (first >= 0) publish(ctx, roles[first]![1]!, records[first]!, roles);
    await ctx.written(
      roles.flatMap(([, t], i) => {
        const record = records[i];
        return t && record ? [{ typename: t.kind, id: t.id, created: t.created, parents: kindOf(t).parents(record) }] : [];
      }),
    );
  }
  return { replayed: outcome.replayed, ...Object.fromEntries(roles.map(([role], i) => [role, records[i]])) } as Settled<T>;
}
