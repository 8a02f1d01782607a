/**
 * The control API under `/__emulator/` that tests and benchmarks use to observe and steer the
 * emulated org: stats, reset, session expiry, fault switches and the outbox. No auth; it answers
 * loopback clients only.
 */
import { GAP_TYPES } from '../pubsub/change-events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NO_FAULTS, type Faults, type SalesforceEmulator } from './server';
import { readBody, send } from '../http';
import { NO_SMS_FAULTS, type SentSms, type SmsEmulator } from '../sms/server';

const JSON_TYPE = { 'Content-Type': 'application/json;charset=UTF-8' };
const ERROR_CODES = new Set(['SERVER_UNAVAILABLE', 'REQUEST_LIMIT_EXCEEDED', 'UNABLE_TO_LOCK_ROW']);

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req)).toString('utf8') || 'null');
  } catch {
    return null;
  }
}

function validateSmsFaults(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return ['body must be a JSON object'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'errorRate' || key === 'dropResponseAfterAcceptRate') {
      if (typeof value !== 'number' || value < 0 || value > 1) problems.push(`${key} must be a number from 0 to 1`);
    } else if (key === 'refuse') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) problems.push('refuse must be a list of E.164 numbers');
    } else if (key === 'reportBeforeAnswer') {
      if (value !== null && value !== 'delivered' && value !== 'undelivered') problems.push('reportBeforeAnswer must be delivered, undelivered or null');
    } else problems.push(`unknown fault: ${key}`);
  }
  return problems;
}

export function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

/** Checks a faults body; returns the problems, one per bad key. */
export function validateFaults(input: unknown): { faults?: Partial<Faults>; problems: string[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'latencyMs':
      case 'latencyJitterMs':
      case 'searchIndexLagMs':
      case 'seed':
      case 'failNext':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problems.push(`${key} must be a number >= 0`);
        else out[key] = value;
        break;
      case 'statusAfterCommit':
        if (value !== 500 && value !== 502) problems.push('statusAfterCommit must be 500 or 502');
        else out.statusAfterCommit = value;
        break;
      case 'errorRate':
      case 'errorAfterCommitRate':
      case 'dropResponseAfterCommitRate':
        if (typeof value !== 'number' || value < 0 || value > 1) problems.push(`${key} must be a number from 0 to 1`);
        else out[key] = value;
        break;
      case 'errorCode':
        if (typeof value !== 'string' || !ERROR_CODES.has(value)) problems.push(`errorCode must be one of ${[...ERROR_CODES].join(', ')}`);
        else out.errorCode = value as Faults['errorCode'];
        break;
      case 'errorStatementContains':
      case 'latencyStatementContains':
        if (value !== null && typeof value !== 'string') problems.push(`${key} must be a string or null`);
        else out[key] = value;
        break;
      case 'errorMethod':
        if (value !== null && !['GET', 'POST', 'PATCH', 'DELETE'].includes(String(value)))
          problems.push('errorMethod must be GET, POST, PATCH, DELETE or null');
        else out.errorMethod = value as string | null;
        break;
      case 'retryAfterSeconds':
        if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
          problems.push('retryAfterSeconds must be a whole number or null');
        else out.retryAfterSeconds = value;
        break;
      case 'rejectTokens':
        if (typeof value !== 'boolean') problems.push('rejectTokens must be a boolean');
        else out.rejectTokens = value;
        break;
      default:
        problems.push(`unknown fault: ${key}`);
    }
  }
  return { faults: out, problems };
}

/** `{ dailyApiLimit, apiRequests }`: whole numbers, the use not above the limit. */
function validateLimits(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return ['body must be a JSON object'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'dailyApiLimit' && key !== 'apiRequests') problems.push(`unknown limit ${key}: dailyApiLimit and apiRequests are known`);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push(`${key} must be a whole number >= 0`);
  }
  return problems;
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, sf: SalesforceEmulator, sms: SmsEmulator): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, 403, { error: 'the control API answers loopback clients only' }, JSON_TYPE);
    return;
  }
  const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__emulator/stats':
      return send(res, 200, { ...sf.stats(), smsRequests: sms.requests }, JSON_TYPE);
    case 'POST /__emulator/reset':
      sf.reset();
      sms.reset();
      return send(res, 200, { ok: true }, JSON_TYPE);
    case 'POST /__emulator/sessions/expire':
      return send(res, 200, { expired: sf.oauth.expireAll() }, JSON_TYPE);
    case 'GET /__emulator/faults':
      return send(res, 200, sf.faults, JSON_TYPE);
    case 'PUT /__emulator/faults': {
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)).toString('utf8'));
      } catch {
        return send(res, 400, { errors: ['body must be JSON'] }, JSON_TYPE);
      }
      const { faults, problems } = validateFaults(body);
      if (problems.length > 0 || !faults) return send(res, 400, { errors: problems }, JSON_TYPE);
      return send(res, 200, sf.setFaults(faults), JSON_TYPE);
    }
    case 'PUT /__emulator/pubsub/faults': {
      const body = (await jsonBody(req)) as Record<string, unknown> | null;
      if (!sf.pubsub) return send(res, 404, { errors: ['no Pub/Sub server runs for this org'] }, JSON_TYPE);
      const check: Record<string, (v: unknown) => string | null> = {
        broken: (v) => (typeof v === 'boolean' ? null : 'broken must be a boolean'),
        delayMs: (v) => (typeof v === 'number' && v >= 0 ? null : 'delayMs must be a number >= 0'),
        gap: (v) => (v === null || GAP_TYPES.includes(v as never) ? null : `gap must be null or one of ${GAP_TYPES.join(', ')}`),
      };
      const problems =
        !body || typeof body !== 'object'
          ? ['body must be a JSON object']
          : Object.entries(body).flatMap(([k, v]) => {
              const problem = check[k] ? check[k](v) : `unknown fault ${k}: ${Object.keys(check).join(', ')} are known`;
              return problem ? [problem] : [];
            });
      if (problems.length > 0) return send(res, 400, { errors: problems }, JSON_TYPE);
      return send(res, 200, sf.pubsub.setFaults(body as Record<string, unknown>), JSON_TYPE);
    }
    case 'GET /__emulator/pubsub/enrichment':
      // Which fields ride on every UPDATE and DELETE event, by object (set through the Tooling API).
      return send(res, 200, Object.fromEntries(sf.enrichment.byObject()), JSON_TYPE);
    case 'POST /__emulator/undelete': {
      // A person restoring records from the Recycle Bin (the REST API has no undelete).
      const body = (await jsonBody(req)) as { ids?: unknown } | null;
      const ids = Array.isArray(body?.ids) ? body.ids.map(String) : null;
      if (!ids || ids.length === 0) return send(res, 400, { errors: ['ids must be a non-empty array of record Ids'] }, JSON_TYPE);
      try {
        const unit = sf.store.begin();
        try {
          const restored = ids.map((id) => sf.store.undelete(id));
          unit.end();
          return send(res, 200, { restored }, JSON_TYPE);
        } catch (e) {
          unit.rollback();
          unit.end();
          throw e;
        }
      } catch (e) {
        return send(res, 404, { errors: [e instanceof Error ? e.message : 'not restored'] }, JSON_TYPE);
      }
    }
    case 'GET /__emulator/limits':
      return send(res, 200, sf.limits(), JSON_TYPE);
    case 'PUT /__emulator/limits': {
      const body = (await jsonBody(req)) as Record<string, unknown> | null;
      const problems = validateLimits(body);
      if (problems.length > 0) return send(res, 400, { errors: problems }, JSON_TYPE);
      return send(res, 200, sf.setLimits(body as { dailyApiLimit?: number; apiRequests?: number }), JSON_TYPE);
    }
    case 'DELETE /__emulator/faults':
      return send(res, 200, sf.setFaults({ ...NO_FAULTS }), JSON_TYPE);
    case 'GET /__emulator/outbox':
      return send(res, 200, { messages: [...sf.emails, ...sms.messages] }, JSON_TYPE);
    case 'PUT /__emulator/sms/faults': {
      const body = await jsonBody(req);
      const problems = validateSmsFaults(body);
      if (problems.length > 0) return send(res, 400, { errors: problems }, JSON_TYPE);
      sms.faults = { ...NO_SMS_FAULTS, ...(body as object) };
      return send(res, 200, sms.faults, JSON_TYPE);
    }
    case 'DELETE /__emulator/sms/faults':
      sms.faults = { ...NO_SMS_FAULTS };
      return send(res, 200, sms.faults, JSON_TYPE);
    case 'GET /__emulator/requests':
      return send(res, 200, { requests: sf.requests }, JSON_TYPE);
    case 'POST /__emulator/refresh-tokens':
      // A refresh token as the web-server (authorization code) flow would have issued one.
      return send(res, 200, { refresh_token: sf.oauth.issueRefreshToken() }, JSON_TYPE);
    case 'GET /__emulator/fixtures':
      return send(res, 200, sf.fixtures, JSON_TYPE);
    default: {
      // POST /__emulator/sms/messages/{sid}/status {"status": "delivered"}: report a delivery.
      const m = /^POST \/__emulator\/sms\/messages\/(SM\w+)\/status$/.exec(route);
      if (m) {
        const { status } = (await jsonBody(req)) as { status?: SentSms['status'] };
        if (!status || !['sent', 'delivered', 'undelivered', 'failed'].includes(status)) {
          return send(res, 400, { errors: ['status must be sent, delivered, undelivered or failed'] }, JSON_TYPE);
        }
        if (!sms.messages.some((x) => x.id === m[1])) return send(res, 404, { error: `no message ${m[1]}` }, JSON_TYPE);
        return send(res, 200, { callbackStatus: await sms.report(m[1]!, status) }, JSON_TYPE);
      }
      return send(res, 404, { error: `no control route ${route}` }, JSON_TYPE);
    }
  }
}
