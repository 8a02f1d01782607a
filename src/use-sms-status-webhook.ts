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
import type { SalesforceApi } from './salesforce/client';
import { normaliseId } from './salesforce/ids';
import type { FollowUpStatus } from './salesforce/records';
import { findFollowUpsByIds, updateFollowUpStatus } from './salesforce/tasks';

export const SMS_STATUS_PATH = '/webhooks/sms/status';

export interface SmsWebhookOptions {
  authToken: string;
  /** The public URL the provider calls (signatures cover it); the request URL when null. */
  publicBaseUrl: string | null;
  sf: SalesforceApi;
  logger: Logger;
}

const REPORTED: Record<string, FollowUpStatus> = { sent: 'SENT', delivered: 'DELIVERED', undelivered: 'FAILED', failed: 'FAILED' };
const RANK: Record<FollowUpStatus, number> = { PENDING: 0, SENT: 1, DELIVERED: 2, FAILED: 2 };

export function isValidTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string): boolean {
  const sorted = [...params.keys()].sort();
  const data = sorted.reduce((acc, k) => acc + k + (params.get(k) ?? ''), url);
  const expected = Buffer.from(createHmac('sha1', authToken).update(data, 'utf8').digest('base64'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function useSmsStatusWebhook(options: SmsWebhookOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== SMS_STATUS_PATH) return;
      const answer = (status: number) => endResponse(new fetchAPI.Response(null, { status }));
      if (request.method !== 'POST') return answer(405);
      const params = new URLSearchParams(await request.text());
      const signedUrl = options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/$/, '')}${url.pathname}${url.search}` : url.toString();
      if (!isValidTwilioSignature(options.authToken, signedUrl, params, request.headers.get('x-twilio-signature') ?? '')) {
        options.logger.warn({ path: url.pathname }, 'SMS status callback with a bad signature refused');
        return answer(403);
      }
      const id = normaliseId(url.searchParams.get('followUp') ?? '');
      const status = REPORTED[params.get('MessageStatus') ?? ''];
      if (!id) return answer(400);
      if (!status) return answer(204); // queued, sending, accepted: nothing to record
      try {
        const [current] = await findFollowUpsByIds(options.sf, [id]);
        if (!current) return answer(404);
        if (RANK[status] > RANK[current.status]) await updateFollowUpStatus(options.sf, id, status);
        return answer(204);
      } catch (e) {
        // A 5xx makes the provider try again later.
        options.logger.error({ err: e, followUpId: id }, 'could not record an SMS delivery report');
        return answer(503);
      }
    },
  };
}
