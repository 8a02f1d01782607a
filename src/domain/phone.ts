/**
 * Caller-ID handling: E.164 parsing with libphonenumber-js, the formats people commonly store the
 * same number in (Salesforce keeps phone fields exactly as typed: docs/salesforce-facts.md#sosl-and-phone-numbers), and the test of
 * whether a stored number is the caller's.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export type { CountryCode, PhoneNumber };

/**
 * The caller's number, or null when it cannot be one (withheld, "anonymous", too short...).
 * `isPossible` checks length for the country; full validity would refuse fictional numbers
 * (555-01xx, Ofcom drama ranges) that demos and tests use.
 */
export function parseCallerNumber(input: string, defaultRegion: CountryCode): PhoneNumber | null {
  const trimmed = input.trim();
  if (trimmed.length < 3 || trimmed.length > 40 || !/\d/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, { defaultCountry: defaultRegion, extract: false });
  return parsed && parsed.isPossible() ? parsed : null;
}

/**
 * The strings the same number is most often stored as, for exact-match SOQL
 * (`Phone IN (...)`): E.164, international and national layouts, digits with and without the
 * country code, and the common US punctuations.
 */
export function storedVariants(n: PhoneNumber): string[] {
  const national = n.nationalNumber;
  const cc = n.countryCallingCode;
  const out = new Set<string>([
    n.number,
    n.formatInternational(),
    n.formatNational(),
    n.formatNational().replace(/\s/g, ''),
    national,
    `${cc}${national}`,
    `+${cc} ${national}`,
  ]);
  if (cc === '1' && national.length === 10) {
    const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
    for (const v of [
      `${a}-${b}-${c}`,
      `${a}.${b}.${c}`,
      `${a} ${b} ${c}`,
      `(${a})${b}-${c}`,
      `(${a}) ${b} ${c}`,
      `1-${a}-${b}-${c}`,
      `1 ${a} ${b} ${c}`,
      `1 (${a}) ${b}-${c}`,
      `+1-${a}-${b}-${c}`,
      `+1 ${a}-${b}-${c}`,
      `+1 (${a}) ${b}-${c}`,
      `+1.${a}.${b}.${c}`,
    ]) {
      out.add(v);
    }
  } else {
    const intl = n.formatInternational();
    out.add(intl.replace(/ /g, '-'));
    out.add(n.formatNational().replace(/ /g, '-'));
    out.add(`00${cc}${national}`);
  }
  return [...out];
}

/** True when `stored` (as typed into Salesforce, perhaps with an extension) is the caller's number. */
export function isSameNumber(stored: string | null | undefined, caller: PhoneNumber): boolean {
  if (!stored) return false;
  // A number stored without its country code is read as belonging to the caller's country.
  const parsed = parsePhoneNumberFromString(stored, { defaultCountry: caller.country, defaultCallingCode: caller.countryCallingCode });
  return parsed?.number === caller.number;
}

/** E.164 form of a stored number (for SMS), or null when it is not a usable number. */
export function toE164(stored: string | null | undefined, defaultRegion: CountryCode): string | null {
  if (!stored) return null;
  const parsed = parsePhoneNumberFromString(stored, defaultRegion);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/**
 * Text with every phone-number-like run of digits masked but for its last two digits, for logs:
 * a provider's refusal ("'To' number +14155550134 is not a valid mobile number") keeps its sense
 * and loses the number.
 */
export function maskNumbers(text: string): string {
  return text.replace(/[+(]?\d[\d\s().-]{4,}\d/g, (run) => `***${run.replace(/\D/g, '').slice(-2)}`);
}

/**
 * The national (significant) number of a stored number, read in `defaultRegion` when it carries no
 * country code, or null when it is not a number at all.
 */
export function nationalNumberOf(stored: string, defaultRegion: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(stored, defaultRegion);
  return parsed ? String(parsed.nationalNumber) : null;
}
