/**
 * What a customer has said about being contacted, per channel. OPTED_OUT wins over everything;
 * OPTED_IN needs an opt-in field configured for the org; otherwise UNKNOWN (the agent asks).
 */
import type { CustomerRecord } from './records';

export type ConsentStatus = 'OPTED_IN' | 'OPTED_OUT' | 'UNKNOWN';

export interface Consent {
  email: ConsentStatus;
  sms: ConsentStatus;
  call: ConsentStatus;
}

const status = (optedOut: boolean, optedIn: boolean | null): ConsentStatus => (optedOut ? 'OPTED_OUT' : optedIn ? 'OPTED_IN' : 'UNKNOWN');

export function consentOf(customer: CustomerRecord): Consent {
  const c = customer.consent;
  return {
    email: status(c.emailOptOut, c.emailOptIn),
    // Do Not Call covers text messages too: an SMS is a call on the customer's phone.
    sms: status(c.callOptOut || c.smsOptOut === true, c.smsOptIn),
    call: status(c.callOptOut, c.callOptIn),
  };
}
