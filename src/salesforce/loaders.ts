/**
 * The DataLoaders of one request, over the data-layer functions. A batch function returns one
 * slot per key, in key order, `null` where Salesforce had no row (DataLoader pairs results with
 * keys by position). Keys are 18-character Ids, so 15-character input must be normalised first.
 */
import DataLoader from 'dataloader';
import type { ContextShape } from '../domain/context-shape';
import type { SalesforceApi } from './api';
import type { CustomerContext } from './context';
import { findAccountsByIds } from './accounts';
import { findCallsByIds, findCallsByParents } from './calls';
import { findCaseCommentsByCases, findCaseCommentsByIds } from './case-comments';
import { findCasesByContacts, findCasesByIds } from './cases';
import type { CaseStatusFilter } from '../domain/context-shape';
import { findContactsByIds } from './contacts';
import type { PageRequest } from './pages';
import type { AccountRecord, CallRecord, CaseCommentRecord, CaseRecord, CustomerRecord, FollowUpRecord, Page } from '../domain/records';
import type { OrgFields } from './records';
import { MAX_IDS_PER_QUERY } from '../domain/context-shape';
import { findFollowUpsByIds, findFollowUpsByParents } from './tasks';

export interface PageKey extends PageRequest {
  parentId: string;
}

export interface CasePageKey extends PageKey {
  status: CaseStatusFilter;
}

export interface Loaders {
  customer: DataLoader<string, CustomerRecord | null>;
  account: DataLoader<string, AccountRecord | null>;
  case: DataLoader<string, CaseRecord | null>;
  followUp: DataLoader<string, FollowUpRecord | null>;
  casesByCustomer: DataLoader<CasePageKey, Page<CaseRecord>, string>;
  followUpsByCustomer: DataLoader<PageKey, Page<FollowUpRecord>, string>;
  followUpsByCase: DataLoader<PageKey, Page<FollowUpRecord>, string>;
  call: DataLoader<string, CallRecord | null>;
  callsByCustomer: DataLoader<PageKey, Page<CallRecord>, string>;
  callsByCase: DataLoader<PageKey, Page<CallRecord>, string>;
  caseComment: DataLoader<string, CaseCommentRecord | null>;
  commentsByCase: DataLoader<PageKey, Page<CaseCommentRecord>, string>;
  /** Puts rows read elsewhere (a search, a nested page) into the loaders, saving a later call. */
  prime: {
    customers(customers: readonly CustomerRecord[]): void;
    cases(cases: readonly CaseRecord[]): void;
    followUps(followUps: readonly FollowUpRecord[]): void;
    /** Pages read with their customers (salesforce/context.ts), as the page loaders would key them. */
    contexts(contexts: readonly CustomerContext[], shape: ContextShape): void;
  };
}

export interface LoaderOptions {
  orgFields: OrgFields;
  /** Off only for the naive N+1 baseline of the benchmark. @default true */
  batch?: boolean;
}

const inKeyOrder = <T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => byId.get(k) ?? null);
};

/** Keys with the same paging arguments can share one query; the group key says which. */
const pageGroup = (k: PageKey & { status?: string }) => JSON.stringify([k.status ?? '', k.first, k.after ?? null]);

/** Runs one query per group of keys that share paging arguments, and answers in key order. */
async function pagesInKeyOrder<K extends PageKey, T>(
  keys: readonly K[],
  load: (parentIds: string[], sample: K) => Promise<Map<string, Page<T>>>,
): Promise<Page<T>[]> {
  const groups = new Map<string, K[]>();
  for (const k of keys) groups.set(pageGroup(k), [...(groups.get(pageGroup(k)) ?? []), k]);
  const answers = new Map<K, Page<T>>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const pages = await load([...new Set(group.map((k) => k.parentId))], group[0]!);
      for (const k of group) answers.set(k, pages.get(k.parentId) ?? { records: [], hasMore: false });
    }),
  );
  return keys.map((k) => answers.get(k)!);
}

export function createLoaders(sf: SalesforceApi, options: LoaderOptions): Loaders {
  const batching = { batch: options.batch ?? true, maxBatchSize: MAX_IDS_PER_QUERY };
  const byId = <T extends { id: string }>(find: (ids: readonly string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      // Asked for by Id, found or not: a record restored later must show.
      sf.reads?.records(ids);
      return inKeyOrder(ids, await find(ids));
    }, batching);
  const pages = <T, K extends PageKey = PageKey>(load: (parentIds: string[], sample: K) => Promise<Map<string, Page<T>>>) =>
    new DataLoader<K, Page<T>, string>((keys) => pagesInKeyOrder(keys, load), { ...batching, cacheKeyFn: pageGroupWithParent });
  const loaders: Loaders = {
    customer: byId((ids) => findContactsByIds(sf, options.orgFields, ids)),
    account: byId((ids) => findAccountsByIds(sf, options.orgFields, ids)),
    case: byId((ids) => findCasesByIds(sf, options.orgFields, ids)),
    followUp: byId((ids) => findFollowUpsByIds(sf, ids)),
    casesByCustomer: pages<CaseRecord, CasePageKey>((ids, k) => findCasesByContacts(sf, options.orgFields, ids, k.status, k)),
    followUpsByCustomer: pages<FollowUpRecord>((ids, k) => findFollowUpsByParents(sf, 'Contact', ids, k)),
    followUpsByCase: pages<FollowUpRecord>((ids, k) => findFollowUpsByParents(sf, 'Case', ids, k)),
    call: byId((ids) => findCallsByIds(sf, ids)),
    callsByCustomer: pages((ids, k) => findCallsByParents(sf, 'Contact', ids, k)),
    callsByCase: pages((ids, k) => findCallsByParents(sf, 'Case', ids, k)),
    caseComment: byId((ids) => findCaseCommentsByIds(sf, ids)),
    commentsByCase: pages((ids, k) => findCaseCommentsByCases(sf, ids, k)),
    prime: {
      customers(customers) {
        for (const c of customers) {
          loaders.customer.prime(c.id, c);
          if (c.account) loaders.account.prime(c.account.id, c.account);
        }
      },
      cases(cases) {
        for (const c of cases) loaders.case.prime(c.id, c);
      },
      followUps(followUps) {
        for (const f of followUps) loaders.followUp.prime(f.id, f);
      },
      contexts(contexts, shape) {
        for (const c of contexts) {
          loaders.prime.customers([c.customer]);
          if (c.cases && shape.cases) {
            loaders.casesByCustomer.prime({ parentId: c.customer.id, status: shape.cases.status, first: shape.cases.first }, c.cases);
            loaders.prime.cases(c.cases.records);
          }
          if (c.caseFollowUps && shape.cases?.followUps) {
            for (const [caseId, page] of c.caseFollowUps) {
              loaders.followUpsByCase.prime({ parentId: caseId, first: shape.cases.followUps.first }, page);
              loaders.prime.followUps(page.records);
            }
          }
          if (c.followUps && shape.followUps) {
            loaders.followUpsByCustomer.prime({ parentId: c.customer.id, first: shape.followUps.first }, c.followUps);
            loaders.prime.followUps(c.followUps.records);
          }
        }
      },
    },
  };
  return loaders;
}

function pageGroupWithParent(k: PageKey & { status?: string }): string {
  return `${k.parentId}:${pageGroup(k)}`;
}
