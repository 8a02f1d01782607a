/**
 * What voice agents do on live calls, as frontend tools see it (the `agentActivity` subscription):
 * one line per thing done, with the key's name and never the key, a credential or a message body.
 */
import { CodedError } from './errors';

export const ACTIVITY_KINDS = ['CALLER_IDENTIFIED', 'CASE_CREATED', 'CASE_UPDATED', 'CONSENT_RECORDED', 'FOLLOW_UP_SENT', 'CALL_LOGGED'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface AgentActivity {
  /** When, as ISO 8601 (it crosses replicas as JSON). */
  at: string;
  kind: ActivityKind;
  customerId: string | null;
  caseId: string | null;
  /** The API key's name. */
  client: string;
  /** One line for a person. */
  summary: string;
}

/** One activity, stamped now. */
export const activityOf = (kind: ActivityKind, client: string, summary: string, customerId: string | null, caseId: string | null = null): AgentActivity => ({
  at: new Date().toISOString(),
  kind,
  customerId,
  caseId,
  client,
  summary,
});

/** A voice agent's caller, identified by the lookup (its name, when the answer has it). */
export const callerIdentified = (client: string, customerId: string, name: string | null): AgentActivity =>
  activityOf('CALLER_IDENTIFIED', client, name === null ? 'Caller identified' : `Caller identified: ${name}`, customerId);

/** Where activity is published and followed: in this process, or across replicas through Redis. */
export interface ActivityFeed {
  /** Whether a published activity can reach a subscriber: always across replicas; in one process, only while one follows. */
  heard(): boolean;
  /** Publishes to the subscribers; nothing when none could hear it. */
  publish(activity: AgentActivity): void;
  /**
   * The activity from now on, of one customer when `customerId` is given, for the key `client`.
   * Refused (SUBSCRIPTION_LIMIT) past the key's or the process's number of open subscriptions;
   * the count frees when the iteration ends.
   */
  follow(client: string, customerId: string | null): AsyncIterable<AgentActivity>;
}

/** Too many open subscriptions: this key's, or this process's (retryable once one closes). */
export const subscriptionLimit = (scope: 'key' | 'process', limit: number): CodedError =>
  new CodedError({
    code: 'SUBSCRIPTION_LIMIT',
    message:
      scope === 'key'
        ? `This API key already holds ${limit} open subscriptions, its most; close one first.`
        : `This gateway holds ${limit} open subscriptions, its most; try again shortly.`,
    retryable: true,
    extensions: { limit, scope },
  });

/** "1 min 5 s" for a call's duration. */
export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min${s > 0 ? ` ${s} s` : ''}` : `${s} s`;
}
