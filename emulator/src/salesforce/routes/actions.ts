/** The `emailSimple` standard invocable action, with an outbox instead of a mail server (docs/salesforce-facts.md#follow-up-delivery). */
import { SfError } from '../errors';
import type { Answer } from './context';

export interface SentEmail {
  channel: 'EMAIL';
  id: string;
  to: string[];
  subject: string;
  body: string;
  senderType: string;
  relatedRecordId: string | null;
  sentAt: string;
}

type ActionError = { statusCode: string; message: string; fields: string[] };

function inputErrors(input: Record<string, unknown>, list: string[], senderType: string): ActionError[] {
  const errors: ActionError[] = [];
  const missing = (name: string) => errors.push({ statusCode: 'REQUIRED_FIELD_MISSING', message: `Missing required input parameter: ${name}`, fields: [] });
  if (list.length === 0) missing('emailAddresses');
  for (const a of list) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a)) errors.push({ statusCode: 'INVALID_EMAIL_ADDRESS', message: `Email address is invalid: ${a}`, fields: [] });
  }
  if (list.length > 150) errors.push({ statusCode: 'LIMIT_EXCEEDED', message: 'Too many recipients: at most 150', fields: [] });
  if (typeof input.emailSubject !== 'string' || input.emailSubject === '') missing('emailSubject');
  if (typeof input.emailBody !== 'string' || input.emailBody === '') missing('emailBody');
  if (!['CurrentUser', 'DefaultWorkflowUser', 'OrgWideEmailAddress'].includes(senderType)) {
    errors.push({ statusCode: 'INVALID_API_INPUT', message: `Invalid senderType: ${senderType}`, fields: [] });
  }
  return errors;
}

export function emailSimple(outbox: SentEmail[], now: number, body: unknown): Answer {
  const inputs = (body as { inputs?: Record<string, unknown>[] } | null)?.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw SfError.one(400, 'JSON_PARSER_ERROR', 'inputs is required');
  }
  const results = inputs.map((input) => {
    const list = Array.isArray(input.emailAddressesArray)
      ? (input.emailAddressesArray as unknown[]).map(String)
      : typeof input.emailAddresses === 'string'
        ? input.emailAddresses
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const senderType = typeof input.senderType === 'string' ? input.senderType : 'CurrentUser';
    const errors = inputErrors(input, list, senderType);
    const ok = errors.length === 0;
    if (ok) {
      outbox.push({
        channel: 'EMAIL',
        id: `email-${outbox.length + 1}`,
        to: list,
        subject: input.emailSubject as string,
        body: input.emailBody as string,
        senderType,
        relatedRecordId: typeof input.relatedRecordId === 'string' ? input.relatedRecordId : null,
        sentAt: new Date(now).toISOString(),
      });
    }
    // The array-per-input shape is from third-party samples (docs/salesforce-facts.md#follow-up-delivery, unverified).
    return {
      actionName: 'emailSimple',
      errors: ok ? null : errors,
      invocationId: null,
      isSuccess: ok,
      outcome: null,
      outputValues: null,
      sortOrder: -1,
      version: 1,
    };
  });
  return { status: results.every((r) => r.isSuccess) ? 200 : 400, body: results };
}
