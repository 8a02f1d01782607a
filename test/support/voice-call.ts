/**
 * One whole PolyAI voice call, as the kit makes it: the caller lookup, then createCase, updateCase,
 * recordConsent, an SMS and logCall, each through the trusted document the agent sends. Used by
 * test/voice-call.test.ts and bench/voice-call.ts (no test-runner imports).
 */
import { readFileSync } from 'node:fs';

export const VOICE_CALL_STEPS = ['customersByPhone', 'createCase', 'updateCase', 'recordConsent', 'sendFollowUp', 'logCall'] as const;
export type VoiceCallStep = (typeof VOICE_CALL_STEPS)[number];

/** A trusted document's text (schema/operations). */
export const operation = (name: string) => readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8');

/** Runs one step; answers the operation's root field (e.g. the CreateCaseResult). */
export type RunStep = (name: VoiceCallStep, document: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * The call's steps in order for `customerId` calling from `phone`, with idempotency keys under
 * `tag`; the new case's Id feeds the later steps. Answers each step's result.
 */
export async function wholeVoiceCall(
  run: RunStep,
  customerId: string,
  tag: string,
  phone = '+14155550134',
  /** Values of the org's own Case fields for createCase and updateCase (an org file declares them). */
  custom: { create?: Record<string, unknown>; update?: Record<string, unknown> } = {},
): Promise<Record<VoiceCallStep, Record<string, unknown>>> {
  const results = {} as Record<VoiceCallStep, Record<string, unknown>>;
  const step = async (name: VoiceCallStep, document: string, variables: Record<string, unknown>) => (results[name] = await run(name, document, variables));
  await step('customersByPhone', operation('CallerLookup'), { phone });
  const created = await step('createCase', operation('CreateCase'), {
    input: {
      customerId,
      subject: 'Punch card reader jams',
      priority: 'High',
      idempotencyKey: `${tag}:case`,
      ...(custom.create ? { custom: custom.create } : {}),
    },
  });
  const caseId = (created.case as { id: string } | undefined)?.id;
  await step('updateCase', operation('AddToCase'), {
    input: { caseId, comment: 'Still jams after a restart.', idempotencyKey: `${tag}:comment`, ...(custom.update ? { custom: custom.update } : {}) },
  });
  await step('recordConsent', operation('RecordConsent'), {
    input: { customerId, channel: 'SMS', status: 'OPTED_IN', source: 'said yes on the call', idempotencyKey: `${tag}:consent` },
  });
  await step('sendFollowUp', operation('SendFollowUp'), {
    input: { customerId, caseId, channel: 'SMS', body: 'Your case is open.', idempotencyKey: `${tag}:sms` },
  });
  await step('logCall', operation('LogCall'), {
    input: {
      customerId,
      caseId,
      from: phone,
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      durationSeconds: 118,
      summary: 'Case opened, texted.',
      idempotencyKey: `${tag}:log`,
    },
  });
  return results;
}
