/** Accounts. */
import type { SalesforceApi } from './client';
import { accountSelect, toAccount, type AccountRecord } from './records';
import { chunk, idList } from './soql';

export async function findAccountsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<AccountRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Record<string, unknown>>(`SELECT ${accountSelect()} FROM Account WHERE Id IN ${idList(part)}`)),
  );
  return pages.flatMap((p) => p.records.map(toAccount));
}
