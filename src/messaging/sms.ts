/**
 * SMS through a provider that speaks Twilio's Messages API:
 * `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic, form To/From/Body,
 * with a StatusCallback that names the follow-up so that delivery reports find it.
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
import { DeliveryUnknownError, type DeliveryChannel, type DeliveryOutcome, type OutgoingMessage } from '../domain/delivery';

export interface SmsProviderSettings {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** The gateway's public URL; status callbacks go to `{publicBaseUrl}/webhooks/sms/status`. */
  publicBaseUrl: string | null;
  timeoutMs: number;
}

/** The URL the provider posts delivery reports to, for one follow-up. */
export const statusCallbackUrl = (publicBaseUrl: string, followUpId: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/webhooks/sms/status?followUp=${encodeURIComponent(followUpId)}`;

export function createSmsChannel(s: SmsProviderSettings, fetchImpl: typeof fetch = fetch): DeliveryChannel {
  const url = `${s.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${s.accountSid}:${s.authToken}`).toString('base64')}`;
  return {
    channel: 'SMS',
    async send(m: OutgoingMessage, timeoutMs = Infinity): Promise<DeliveryOutcome> {
      const form = new URLSearchParams({ To: m.to, From: s.from, Body: m.body });
      if (s.publicBaseUrl) form.set('StatusCallback', statusCallbackUrl(s.publicBaseUrl, m.followUpId));
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(Math.max(1, Math.min(s.timeoutMs, timeoutMs))),
        });
      } catch (e) {
        throw new DeliveryUnknownError('SMS', 'The SMS provider did not answer', { cause: e });
      }
      const body = (await res.json().catch(() => null)) as { sid?: string; code?: number; message?: string } | null;
      if (res.status === 200 || res.status === 201) {
        if (!body?.sid) throw new DeliveryUnknownError('SMS', 'The SMS provider answered without a message id');
        return { accepted: true, providerId: body.sid };
      }
      // Twilio answers 5xx when it may have queued the message anyway (error 20500): unknown.
      if (res.status >= 500) throw new DeliveryUnknownError('SMS', `The SMS provider answered ${res.status}`);
      return { accepted: false, code: String(body?.code ?? res.status), reason: body?.message ?? `HTTP ${res.status}` };
    },
  };
}
