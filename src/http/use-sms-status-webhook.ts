/**
 * `POST /webhooks/sms/status`: the SMS provider's delivery reports. The request must carry a valid
 * X-Twilio-Signature (HMAC-SHA1 with the account's auth token over the URL and the sorted form
 * parameters); then the follow-up named in the URL moves to SENT, DELIVERED or FAILED. A report
 * never moves a follow-up backwards (a late "sent" after "delivered" changes nothing).
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { statusOfReport } from '../domain/follow-up-status';
import { normaliseId } from '../domain/ids';
import type { SalesforceApi } from '../salesforce/api';
import { advanceFollowUp } from '../services/follow-up-status';
import type { Metrics } from './metrics';

export const SMS_STATUS_PATH = '/webhooks/sms/status';

export interface SmsWebhookOptions {
  authToken: string;
  /** Largest body read; more is 413 before any signature work. */
  /** The public URL the provider calls (signatures cover it); the request URL when null. */
  publicBaseUrl: string | null;
  sf: SalesforceApi;
  logger: Logger;
  metrics: Pick<Metrics, 'webhookReport' | 'followUp'>;
}

/**
 * Twilio's signature: the URL, then each parameter name in sorted order followed by its value; a
 * repeated name contributes each of its distinct values, sorted, as name + value (as Twilio's
 * own helper libraries compute it).
 */
export function isValidTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string): boolean {
  const names = [...new Set(params.keys())].sort();
  const data = names.reduce((acc, name) => acc + [...new Set(params.getAll(name))].sort().reduce((a, v) => a + name + v, ''), url);
  const expected = Buffer.from(createHmac('sha1', authToken).update(data, 'utf8').digest('base64'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function useSmsStatusWebhook(options: SmsWebhookOptions): Plugin {
  // Every request passes here: any other path goes on at once, with no promise to wait for.
  return { onRequest: (payload) => (payload.url.pathname === SMS_STATUS_PATH ? report(options, payload) : undefined) };
}

/** A delivery report: checked, recorded, answered. */
async function report(options: SmsWebhookOptions, { request, url, endResponse, fetchAPI }: Parameters<NonNullable<Plugin['onRequest']>>[0]): Promise<void> {
  const answer = (status: number) => {
    options.metrics.webhookReport(status < 300 ? 'accepted' : 'refused');
    endResponse(new fetchAPI.Response(null, { status }));
  };
  if (request.method !== 'POST') return answer(405);
  // The Node server (http/server.ts) refused a body over WEBHOOK_MAX_BODY_BYTES before this.
  const text = await request.text();
  const params = new URLSearchParams(text);
  const signedUrl = options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/$/, '')}${url.pathname}${url.search}` : url.toString();
  if (!isValidTwilioSignature(options.authToken, signedUrl, params, request.headers.get('x-twilio-signature') ?? '')) {
    options.logger.warn({ path: url.pathname }, 'SMS status callback with a bad signature refused');
    return answer(403);
  }
  const id = normaliseId(url.searchParams.get('followUp') ?? '');
  const status = statusOfReport(params.get('MessageStatus') ?? '');
  if (!id) return answer(400);
  if (!status) return answer(204); // queued, sending, accepted: nothing to record
  try {
    // A report never moves a follow-up backwards; the status machine decides.
    const outcome = await advanceFollowUp(options.sf, id, status);
    if (outcome === 'moved') options.metrics.followUp('SMS', status);
    return answer(outcome === 'not-found' ? 404 : 204);
  } catch (e) {
    // A 5xx makes the provider try again later.
    options.logger.error({ err: e, followUpId: id }, 'could not record an SMS delivery report');
    return answer(503);
  }
}
