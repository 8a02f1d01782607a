/**
 * Email through Salesforce's `emailSimple` invocable action, on the shared connection
 * (docs/salesforce-facts.md#follow-up-delivery). Each input answers `isSuccess`; a refused input comes back with HTTP 400.
 */
import type { SalesforceApi } from './api';
import { SalesforceError } from './errors';
import { DeliveryUnknownError, type DeliveryChannel, type DeliveryOutcome, type OutgoingMessage } from '../domain/delivery';

interface ActionResult {
  isSuccess: boolean;
  errors: { statusCode?: string; message?: string }[] | null;
}

export function createEmailChannel(sf: SalesforceApi, senderType: string): DeliveryChannel {
  return {
    channel: 'EMAIL',
    async send(m: OutgoingMessage): Promise<DeliveryOutcome> {
      const inputs = [{ emailAddresses: m.to, emailSubject: m.subject ?? '', emailBody: m.body, senderType, relatedRecordId: m.followUpId }];
      let results: ActionResult[];
      try {
        results = await sf.request<ActionResult[]>('POST', '/actions/standard/emailSimple', { inputs });
      } catch (e) {
        if (e instanceof SalesforceError && e.status === 400) {
          // The per-input refusal arrives as a 400 whose body jsforce keeps as text.
          const parsed = safeParse(e.message);
          const error = parsed?.[0]?.errors?.[0];
          return { accepted: false, code: error?.statusCode ?? 'REFUSED', reason: error?.message ?? 'Salesforce refused the email' };
        }
        if (e instanceof SalesforceError && (e.noResponse || e.kind === 'unavailable' || e.kind === 'timeout')) {
          throw new DeliveryUnknownError('EMAIL', 'Salesforce did not confirm the email', { cause: e });
        }
        throw e;
      }
      const result = results[0];
      if (result?.isSuccess) return { accepted: true, providerId: 'emailSimple' };
      const error = result?.errors?.[0];
      return { accepted: false, code: error?.statusCode ?? 'REFUSED', reason: error?.message ?? 'Salesforce refused the email' };
    },
  };
}

function safeParse(text: string): ActionResult[] | null {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as ActionResult[]) : null;
  } catch {
    return null;
  }
}
