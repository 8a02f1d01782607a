import { expect } from 'vitest';

/** The root field of an answer: data, or a union member that is a result and not an error. */
export function expectResult(answer: { data?: Record<string, unknown> | null; errors?: unknown[] }, mutation: boolean, label: string): void {
  expect(answer.errors, label).toBeUndefined();
  const root = Object.values(answer.data ?? {})[0] as Record<string, unknown> | null;
  expect(root, label).toBeTruthy();
  if (mutation) expect(String(root!.__typename), label).toMatch(/Success$/);
}

/** An example's operation name. */
export const exampleName = (query: string): string => /(?:query|mutation|subscription) (\w+)/.exec(query)![1]!;
