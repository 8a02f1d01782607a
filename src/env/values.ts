/**
 * Zod building blocks for environment variables: numbers with bounds and defaults, flags,
 * URLs, field API names, lists, and `section`, which maps a concern's variables to its settings.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export type Spec = Record<string, readonly [variable: string, schema: z.ZodType]>;
/** A section: each setting read from one variable, e.g. `{ port: ['PORT', port(4000)] }`. */
export function section<S extends Spec>(spec: S) {
  const shape = Object.fromEntries(Object.values(spec).map(([variable, schema]) => [variable, schema]));
  return z
    .object(shape)
    .transform((e) => Object.fromEntries(Object.entries(spec).map(([k, [variable]]) => [k, e[variable]])) as { [K in keyof S]: z.output<S[K][1]> });
}

export const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
export const port = (fallback: number) => int(0, 65535, fallback);
export const MAX = Number.MAX_SAFE_INTEGER;
export const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');
export const text = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s === '' ? undefined : s));
export const url = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));
export const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,39}(__c)?$/;
/** An sObject field API name, e.g. SMS_Opt_Out__c; empty or `none` switches the field off. */
export const field = z
  .string()
  .trim()
  .refine((v) => v === '' || v === 'none' || FIELD.test(v), 'must be a field API name such as SMS_Opt_Out__c, or none');
export const optionalField = field.optional().transform((v) => (v === undefined || v === '' || v === 'none' ? null : v));
export const fieldWithDefault = (fallback: string) => field.default(fallback).transform((v) => (v === '' || v === 'none' ? null : v));
export const requiredField = (fallback: string) => z.string().trim().regex(FIELD, 'must be a field API name').default(fallback);
export const policy = z.enum(['opt-out', 'opt-in']).default('opt-out');
/** A comma-separated list whose every entry passes `check`. */
export const list = (check: (entry: string) => boolean, message: string) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((e) => e.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(check, message)));
/** An IP address or a CIDR range (`10.0.0.0/8`, `::1`). */
export function isProxyEntry(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)));
}

/** The variables that schemas read, each once: the keys of their objects, through pipes and unions. */
export function variablesOf(...schemas: z.ZodType[]): string[] {
  const names = (s: z.ZodType): string[] => {
    if (s instanceof z.ZodPipe) return [...names(s.in as z.ZodType), ...names(s.out as z.ZodType)];
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(names);
    return [];
  };
  return [...new Set(schemas.flatMap(names))];
}
