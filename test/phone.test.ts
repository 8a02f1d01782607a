import { describe, expect, it } from 'vitest';
import { isSameNumber, maskNumbers, parseCallerNumber, storedVariants, toE164 } from '../src/domain/phone';

describe('parseCallerNumber', () => {
  it.each([
    ['+14155550134', 'US', '+14155550134'],
    ['(415) 555-0134', 'US', '+14155550134'],
    ['415.555.0134', 'US', '+14155550134'],
    ['+44 7700 900123', 'US', '+447700900123'],
    ['07700 900123', 'GB', '+447700900123'],
    ['withheld', 'US', null],
    ['anonymous', 'US', null],
    ['', 'US', null],
    ['+', 'US', null],
    ['266696687', 'US', null],
    ['5550134', 'US', null],
  ] as const)('%j in %s → %j', (input, region, expected) => {
    expect(parseCallerNumber(input, region)?.number ?? null).toBe(expected);
  });
});

describe('storedVariants and isSameNumber', () => {
  it('covers the formats people type a US number in', () => {
    const v = storedVariants(parseCallerNumber('+14155550134', 'US')!);
    for (const s of ['+14155550134', '(415) 555-0134', '415.555.0134', '415-555-0134', '4155550134', '14155550134', '+1 415 555 0134', '+1 (415) 555-0134']) {
      expect(v).toContain(s);
    }
  });

  it('covers international layouts', () => {
    const v = storedVariants(parseCallerNumber('+447700900123', 'US')!);
    for (const s of ['+447700900123', '+44 7700 900123', '07700 900123', '447700900123']) expect(v).toContain(s);
  });

  it.each([
    ['(415) 555-0134', '+14155550134', true],
    ['415-555-0134 ext. 12', '+14155550134', true],
    ['+1 415 555 0135', '+14155550134', false],
    ['07700 900123', '+447700900123', true],
    ['+44 7700 900123', '+447700900123', true],
    ['7700900123', '+14155550134', false],
    [null, '+14155550134', false],
  ] as const)('isSameNumber(%j, %s) = %s', (stored, caller, expected) => {
    expect(isSameNumber(stored, parseCallerNumber(caller, 'US')!)).toBe(expected);
  });

  it('writes E.164 for stored numbers', () => {
    expect(toE164('(415) 555-0134', 'US')).toBe('+14155550134');
    expect(toE164('nope', 'US')).toBeNull();
  });
});

describe('maskNumbers', () => {
  it.each([
    ["'To' number +14155550134 is not a valid mobile number", "'To' number ***34 is not a valid mobile number"],
    ['call (415) 555-0199 now', 'call ***99 now'],
    ['error 21614', 'error 21614'],
    ['no digits here', 'no digits here'],
  ])('%s', (text, masked) => {
    expect(maskNumbers(text)).toBe(masked);
  });
});
