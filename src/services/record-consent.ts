/**
 * recordConsent: what the customer said about a channel, written to the org's configured consent
 * fields, exactly once per idempotency key. The Contact cannot carry the key, so the change
 * commits in ONE transaction with an audit Task on the customer that does (who: the API key's
 * name, when, how: `source`, on which call: `externalCallId`).
 */
import { touched, type Touched, type WriteOutcome } from '../domain/write-outcome';
import type { ConsentStatus } from '../domain/consent';
import { NotFoundError, ValidationError, type FieldError, checkNoReferences } from '../domain/errors';
import { checkIdOf, idOf } from '../domain/ids';
import { checkIdempotencyKey, fingerprint } from '../domain/idempotency';
import type { CustomerRecord } from '../domain/records';
import { SalesforceError } from '../salesforce/errors';
import { queryPath, rowsOf } from '../salesforce/composite';
import { contactFields, toCustomer } from '../salesforce/records';
import { eq, select } from '../salesforce/soql';
import { transaction } from '../salesforce/transaction';
import type { ServiceDeps } from './context';
import { auditTask } from './audit';
import { idempotentWrite } from './idempotent-write';

export type ConsentChannel = 'EMAIL' | 'SMS' | 'CALL';

export interface ConsentStatement {
  customerId: string;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: string;
  externalCallId: string | null;
  idempotencyKey: string;
}

const CHANNEL_WORDS: Record<ConsentChannel, string> = { EMAIL: 'email', SMS: 'text messages', CALL: 'calls' };

/** The Contact checkboxes of a channel in this org: the opt-out and the opt-in, when configured. */
function consentFields(deps: ServiceDeps, channel: ConsentChannel): { optOut: string | null; optIn: string | null } {
  const c = deps.settings.orgFields;
  if (channel === 'EMAIL') return { optOut: 'HasOptedOutOfEmail', optIn: c.emailOptInField };
  if (channel === 'CALL') return { optOut: 'DoNotCall', optIn: c.callOptInField };
  return { optOut: c.smsOptOutField, optIn: c.smsOptInField };
}

function checkLocal(deps: ServiceDeps, input: ConsentStatement): FieldError[] {
  const errors = checkIdempotencyKey(input.idempotencyKey);
  errors.push(...checkIdOf('customerId', input.customerId, 'Contact', 'a customer'));
  if (input.status === 'UNKNOWN')
    errors.push({ field: 'status', code: 'INVALID', message: 'status must be OPTED_IN or OPTED_OUT: a statement of consent is one or the other.' });
  if (!input.source) errors.push({ field: 'source', code: 'REQUIRED', message: 'source is required: say how the customer gave it, for the audit trail.' });
  if (input.source.length > 255) errors.push({ field: 'source', code: 'TOO_LONG', message: 'source may have at most 255 characters.' });
  if (input.externalCallId !== null && input.externalCallId.length > 255)
    errors.push({ field: 'externalCallId', code: 'TOO_LONG', message: 'externalCallId may have at most 255 characters.' });
  errors.push(...checkNoReferences({ source: input.source, externalCallId: input.externalCallId }));
  const fields = consentFields(deps, input.channel);
  if (!fields.optOut && !fields.optIn) {
    errors.push({
      field: 'channel',
      code: 'NOT_ALLOWED',
      message: `This org keeps no consent field for ${CHANNEL_WORDS[input.channel]}; nothing was written.`,
    });
  }
  return errors;
}

export async function recordConsent(deps: ServiceDeps, input: ConsentStatement): Promise<WriteOutcome<{ customer: Touched<'Customer'> }>> {
  const local = checkLocal(deps, input);
  if (local.length > 0) throw new ValidationError(local);
  const customerId = idOf(input.customerId, 'Contact')!;
  const { idempotencyKey, ...rest } = input;
  const fields = consentFields(deps, input.channel);
  const optedIn = input.status === 'OPTED_IN';
  let read: CustomerRecord | null = null;
  return idempotentWrite(deps, {
    object: 'Task',
    idempotencyKey,
    fingerprint: fingerprint({ operation: 'recordConsent', ...rest, customerId }),
    inputNames: { WhoId: 'customerId', ...(fields.optOut ? { [fields.optOut]: 'status' } : {}), ...(fields.optIn ? { [fields.optIn]: 'status' } : {}) },
    prepare: async () => ({}),
    async write(_prepared, keyFields) {
      const change: Record<string, boolean> = {};
      if (fields.optOut) change[fields.optOut] = !optedIn;
      if (fields.optIn) change[fields.optIn] = optedIn;
      const audit = auditTask(deps, {
        subject: `Consent: ${CHANNEL_WORDS[input.channel]} ${optedIn ? 'opted in' : 'opted out'}`,
        lines: [
          `Channel: ${input.channel}`,
          `Status: ${input.status}`,
          `Source: ${input.source}`,
          ...(input.externalCallId ? [`Call: ${input.externalCallId}`] : []),
          `Fields: ${Object.entries(change)
            .map(([f, v]) => `${f} = ${v}`)
            .join(', ')}`,
        ],
        whoId: customerId,
        whatId: null,
      });
      // ONE call: the change, the keyed audit Task and the read-back of the customer, all
      // or none. A PATCH of an Id that is no contact is Salesforce's NOT_FOUND: nothing is written.
      let results;
      try {
        results = await transaction(
          deps.sf,
          [
            { method: 'PATCH', path: `/sobjects/Contact/${customerId}`, referenceId: 'consent', body: change },
            { method: 'POST', path: '/sobjects/Task', referenceId: 'audit', body: { ...audit, ...keyFields } },
            {
              method: 'GET',
              path: queryPath(select({ fields: contactFields(deps.settings.orgFields), from: 'Contact', where: [eq('Id', customerId)] })),
              referenceId: 'customer',
            },
          ],
          Object.keys(keyFields).length > 0,
        );
      } catch (e) {
        if (e instanceof SalesforceError && e.kind === 'rejected' && (e.errorCode === 'NOT_FOUND' || e.errorCode === 'ENTITY_IS_DELETED')) {
          throw new NotFoundError('No customer has this customerId; nothing was written.', input.customerId);
        }
        throw e;
      }
      const [row] = rowsOf(results.customer);
      read = row ? toCustomer(row, deps.settings.orgFields) : null;
      return results.audit!.id!;
    },
    replay: async () => ({ replayed: true as boolean, touched: { customer: touched('Customer', customerId, false) } }),
    created: async () => ({ replayed: false, touched: { customer: touched('Customer', customerId, false, read) } }),
  });
}
