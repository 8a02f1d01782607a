/** Accounts. */
import type { SalesforceApi } from './api';
import { accountFields, toAccount, type OrgFields } from './records';
import type { AccountRecord } from '../domain/records';
import { chunk, idIn, select } from './soql';

export async function findAccountsByIds(sf: SalesforceApi, config: OrgFields, ids: readonly string[]): Promise<AccountRecord[]> {
  const pages = await Promise.all(
    chunk(ids).map((part) => sf.query<Record<string, unknown>>(select({ fields: accountFields(config), from: 'Account', where: [idIn('Id', part)] }))),
  );
  return pages.flatMap((p) => p.records.map((r) => toAccount(r, config)));
}
