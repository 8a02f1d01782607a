/** Account. */
import type { AccountRecord } from '../domain/records';
import { builder } from './builder';
import { NodeRef } from './node';

export const AccountRef = builder.objectRef<AccountRecord>('Account').implement({
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
});
