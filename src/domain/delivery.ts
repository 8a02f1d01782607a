/**
 * How follow-ups go out. send-follow-up.ts depends on this interface, not on a provider; SMS
 * (messaging/sms.ts) and email through Salesforce (salesforce/email.ts) each implement it
 *.
 */
export type ChannelName = 'SMS' | 'EMAIL';

export interface OutgoingMessage {
  /** The follow-up's Task Id: the provider reports delivery against it. */
  followUpId: string;
  /** E.164 number or email address. */
  to: string;
  subject: string | null;
  body: string;
}

/** The provider took the message, or definitely refused it (nothing was sent). */
export type DeliveryOutcome = { accepted: true; providerId: string } | { accepted: false; code: string; reason: string };

/**
 * The provider's answer is unknown (no response, timeout, 5xx): the message may or may not
 * have gone out. Never retried by the gateway, so a message is sent at most once.
 */
export class DeliveryUnknownError extends Error {
  constructor(
    readonly channel: ChannelName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryUnknownError';
  }
}

export interface DeliveryChannel {
  readonly channel: ChannelName;
  /**
   * @param timeoutMs at most this long (what is left of the request's deadline)
   * @throws DeliveryUnknownError when the outcome cannot be known
   */
  send(message: OutgoingMessage, timeoutMs?: number): Promise<DeliveryOutcome>;
}

export type Channels = Partial<Record<ChannelName, DeliveryChannel>>;
