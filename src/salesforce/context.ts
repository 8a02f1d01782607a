/**
 * A customer's context in the statement that reads the customer: child subqueries for the first
 * page of their cases, each case's follow-ups and their own follow-ups (nested subqueries need
 * API 58.0 or later; we pin 62.0, docs/salesforce-facts.md#soql). Each subquery pages exactly as the loaders do
 * (newest first, `first + 1` rows to know whether more follow), so the pages it yields are the
 * ones the loaders would have read.
 */
import type { ContextShape } from '../domain/context-shape';
import type { CaseRecord, CustomerRecord, FollowUpRecord, Page } from '../domain/records';
import { STATUS_CONDITION } from './cases';
import type { SalesforceApi } from './api';
import { NEWEST_FIRST, toPage } from './pages';
import { caseFields, FOLLOW_UP_CHANNEL_FIELD, FOLLOW_UP_FIELDS, contactFields, toCase, toCustomer, toFollowUp, type OrgFields } from './records';
import { chunk, idIn, notNull, select, subquery, type Subquery } from './soql';

type Row = Record<string, unknown>;

/** The customer and the pages of their context that the statement read. */
export interface CustomerContext {
  customer: CustomerRecord;
  cases?: Page<CaseRecord>;
  /** Follow-up pages by case Id, for the cases on the page above. */
  caseFollowUps?: Map<string, Page<FollowUpRecord>>;
  followUps?: Page<FollowUpRecord>;
}

const followUpsSubquery = (first: number): Subquery =>
  subquery({ fields: FOLLOW_UP_FIELDS, from: 'Tasks', where: [notNull(FOLLOW_UP_CHANNEL_FIELD)], orderBy: NEWEST_FIRST, limit: first + 1 });

/** The Contact fields and subqueries that read the shape's context with the customer. */
export function contextFields(config: OrgFields, shape: ContextShape | null): (string | Subquery)[] {
  const fields: (string | Subquery)[] = contactFields(config);
  if (shape?.cases) {
    const c = shape.cases;
    fields.push(
      subquery({
        fields: [...caseFields(config), ...(c.followUps ? [followUpsSubquery(c.followUps.first)] : [])],
        from: 'Cases',
        where: [STATUS_CONDITION[c.status]],
        orderBy: NEWEST_FIRST,
        limit: c.first + 1,
      }),
    );
  }
  if (shape?.followUps) fields.push(followUpsSubquery(shape.followUps.first));
  return fields;
}

const children = (row: Row, relationship: string): Row[] => (row[relationship] as { records?: Row[] } | null)?.records ?? [];

/** The customer of a row read with contextFields, and its context pages. */
export function toCustomerContext(row: Row, config: OrgFields, shape: ContextShape | null): CustomerContext {
  const out: CustomerContext = { customer: toCustomer(row, config) };
  if (shape?.cases) {
    const caseRows = children(row, 'Cases');
    out.cases = toPage(
      caseRows.map((r) => toCase(r, config)),
      shape.cases.first,
    );
    const followUps = shape.cases.followUps;
    if (followUps) {
      out.caseFollowUps = new Map(
        caseRows.slice(0, shape.cases.first).map((c) => [String(c.Id), toPage(children(c, 'Tasks').map(toFollowUp), followUps.first)]),
      );
    }
  }
  if (shape?.followUps) out.followUps = toPage(children(row, 'Tasks').map(toFollowUp), shape.followUps.first);
  return out;
}

/**
 * Customers by Id with their context, in one statement per chunk of Ids. It is an optimisation
 * with a fallback (the loaders read each list on its own), so it is tried once, within half the
 * time the request has left: if it fails or is late, the rest of the time goes to the fallback,
 * and only the part that fails there is missing from the answer.
 */
/** Tells the request's dependencies which lists the context of these customers shows (read in `rows`). */
export function readContext(sf: SalesforceApi, customerIds: readonly string[], shape: ContextShape | null, rows: readonly Row[]): void {
  if (!sf.reads || customerIds.length === 0) return;
  if (shape?.cases) {
    sf.reads.lists('Case', customerIds);
    if (shape.cases.followUps)
      sf.reads.lists(
        'Task',
        rows.flatMap((r) => children(r, 'Cases').map((c) => String(c.Id))),
      );
  }
  if (shape?.followUps) sf.reads.lists('Task', customerIds);
}

export async function findCustomerContexts(
  sf: SalesforceApi,
  config: OrgFields,
  ids: readonly string[],
  shape: ContextShape | null,
): Promise<CustomerContext[]> {
  const quick = sf.within(sf.remainingMs() / 2);
  const pages = await Promise.all(
    chunk(ids).map((part) => quick.query<Row>(select({ fields: contextFields(config, shape), from: 'Contact', where: [idIn('Id', part)] }), { attempts: 1 })),
  );
  const rows = pages.flatMap((p) => p.records);
  readContext(sf, ids, shape, rows);
  return rows.map((r) => toCustomerContext(r, config, shape));
}
