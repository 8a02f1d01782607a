/** Comments on cases (CaseComment, the Case's CaseComments). */
import type { SalesforceApi } from './api';
import { childPages, type PageRequest } from './pages';
import type { CaseCommentRecord, Page } from '../domain/records';
import { CASE_COMMENT_FIELDS, toCaseComment } from './records';
import { chunk, idIn, select } from './soql';

type Row = Record<string, unknown>;

export async function findCaseCommentsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<CaseCommentRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Row>(select({ fields: CASE_COMMENT_FIELDS, from: 'CaseComment', where: [idIn('Id', part)] }))),
  );
  return pages.flatMap((p) => p.records.map(toCaseComment));
}

/** One page of comments for each case, newest first. */
export function findCaseCommentsByCases(sf: SalesforceApi, caseIds: readonly string[], page: PageRequest): Promise<Map<string, Page<CaseCommentRecord>>> {
  return childPages(sf, { parent: 'Case', relationship: 'CaseComments', fields: CASE_COMMENT_FIELDS, where: [], map: toCaseComment }, caseIds, page);
}
