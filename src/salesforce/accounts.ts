/** Accounts. */
import type { SalesforceApi } from './client';
import { ACCOUNT_FIELDS, toAccount } from './records';
import type { AccountRecord } from '../domain/records';
import { chunk, idIn, select } from './soql';

export async function findAccountsByIds(sf: SalesforceApi, ids: readonly string[]): Promise<AccountRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Record<string, unknown>>(select({ fields: ACCOUNT_FIELDS, from: 'Account', where: [idIn('Id', part)] }))),
  );
  return pages.flatMap((p) => p.records.map(toAccount));
}
