/**
 * A Twilio-compatible SMS provider: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with
 * HTTP Basic auth (account SID and auth token) and a form body (To, From, Body, StatusCallback).
 * It answers like Twilio's Messages API (docs/salesforce-facts.md#follow-up-delivery; its details are unverified there), keeps
 * what it "sent" for the outbox, and posts signed status callbacks when a test says a message
 * was delivered or failed.
 * https://www.twilio.com/docs/messaging/api/message-resource
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The demo provider account, documented in the README. None of it is a secret. */
export const DEMO_SMS = {
  accountSid: 'AC00000000000000000000000000000001',
  authToken: 'demo-sms-auth-token',
  /** Twilio's "magic" test sender number. */
  from: '+15005550006',
} as const;

export interface SentSms {
  channel: 'SMS';
  id: string;
  to: string;
  from: string;
  body: string;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  statusCallback: string | null;
  sentAt: string;
}

export interface SmsFaults {
  /** Share (0..1) of sends answered with a 500, nothing sent. */
  errorRate: number;
  /** Share (0..1) of sends that are accepted, then the connection is closed without an answer. */
  dropResponseAfterAcceptRate: number;
  /** Numbers refused as landlines (Twilio error 21614). */
  refuse: string[];
  /**
   * Post this delivery report before answering the send, as a fast carrier can make Twilio do:
   * the report then races the sender's own bookkeeping. null: reports only when a test asks.
   */
  reportBeforeAnswer: 'delivered' | 'undelivered' | null;
}

export const NO_SMS_FAULTS: SmsFaults = { errorRate: 0, dropResponseAfterAcceptRate: 0, refuse: [], reportBeforeAnswer: null };
const NO_FAULTS = NO_SMS_FAULTS;

/** Twilio's request signature: HMAC-SHA1 of the URL followed by the sorted POST parameters. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
  reply(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

export class SmsEmulator {
  readonly messages: SentSms[] = [];
  /** @param authToken the account's auth token; the demo one unless a test needs another */
  constructor(private readonly authToken: string = DEMO_SMS.authToken) {}

  faults: SmsFaults = { ...NO_FAULTS };
  requests = 0;
  private dice = 0;

  reset(): void {
    this.messages.length = 0;
    this.faults = { ...NO_FAULTS };
    this.requests = 0;
    this.dice = 0;
  }

  /** Deterministic dice: the golden-ratio sequence, so fault shares are exact over a run. */
  private roll(): number {
    this.dice = (this.dice + 0.6180339887498949) % 1;
    return this.dice;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<boolean> {
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    if (!m) return false;
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const [sid, token] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
    if (sid !== DEMO_SMS.accountSid || token !== this.authToken || m[1] !== sid) {
      twilioError(res, 401, 20003, 'Authenticate');
      return true;
    }
    if (req.method === 'GET') {
      reply(res, 200, { messages: this.messages.map((msg) => this.resource(msg)) });
      return true;
    }
    if (req.method !== 'POST') {
      twilioError(res, 405, 20004, 'Method not allowed');
      return true;
    }
    this.requests++;
    const form = new URLSearchParams(body);
    const refusal = this.refusal(form);
    if (refusal) {
      twilioError(res, ...refusal);
      return true;
    }
    const message: SentSms = {
      channel: 'SMS',
      id: `SM${randomBytes(16).toString('hex')}`,
      to: form.get('To')!,
      from: form.get('From')!,
      body: form.get('Body')!,
      status: 'queued',
      statusCallback: form.get('StatusCallback'),
      sentAt: new Date().toISOString(),
    };
    this.messages.push(message);
    if (this.faults.reportBeforeAnswer) await this.report(message.id, this.faults.reportBeforeAnswer).catch(() => null);
    if (this.faults.dropResponseAfterAcceptRate > 0 && this.roll() < this.faults.dropResponseAfterAcceptRate) {
      req.socket.destroy();
      return true;
    }
    reply(res, 201, this.resource(message));
    return true;
  }

  /** Why Twilio would refuse this message (status, error code, message), or null. */
  private refusal(form: URLSearchParams): [number, number, string] | null {
    const to = form.get('To') ?? '';
    const text = form.get('Body') ?? '';
    if (!to) return [400, 21604, "A 'To' phone number is required."];
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return [400, 21211, `The 'To' number ${to} is not a valid phone number.`];
    if (!form.get('From')) return [400, 21603, "A 'From' phone number is required."];
    if (!text) return [400, 21602, 'Message body is required.'];
    if (text.length > 1600) return [400, 21617, 'The concatenated message body exceeds the 1600 character limit.'];
    if (this.faults.refuse.includes(to)) return [400, 21614, `'To' number ${to} is not a valid mobile number`];
    if (this.faults.errorRate > 0 && this.roll() < this.faults.errorRate) return [500, 20500, 'Internal Server Error'];
    return null;
  }

  private resource(m: SentSms) {
    return {
      sid: m.id,
      account_sid: DEMO_SMS.accountSid,
      to: m.to,
      from: m.from,
      body: m.body,
      status: m.status,
      num_segments: String(Math.ceil(m.body.length / 153) || 1),
      direction: 'outbound-api',
      date_created: new Date(m.sentAt).toUTCString(),
      date_updated: new Date(m.sentAt).toUTCString(),
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      uri: `/2010-04-01/Accounts/${DEMO_SMS.accountSid}/Messages/${m.id}.json`,
    };
  }

  /**
   * Moves a message to a new status and posts the signed status callback, as Twilio does.
   * Returns the callback's HTTP status (or null when the message has no callback URL).
   */
  async report(sid: string, status: SentSms['status']): Promise<number | null> {
    const message = this.messages.find((m) => m.id === sid);
    if (!message) throw new Error(`no message ${sid}`);
    message.status = status;
    if (!message.statusCallback) return null;
    const params: Record<string, string> = {
      AccountSid: DEMO_SMS.accountSid,
      From: message.from,
      MessageSid: message.id,
      MessageStatus: status,
      SmsSid: message.id,
      SmsStatus: status,
      To: message.to,
      ...(status === 'failed' || status === 'undelivered' ? { ErrorCode: '30003' } : {}),
    };
    const res = await fetch(message.statusCallback, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(this.authToken, message.statusCallback, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await res.body?.cancel();
    return res.status;
  }
}
