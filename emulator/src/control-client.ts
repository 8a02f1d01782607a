/** A client for the control API (`/__emulator/...`), as a test or benchmark calls it. */

export interface EmulatorStats {
  apiRequests: number;
  logins: number;
  byKind: Record<string, number>;
  smsRequests: number;
}

/** Calls the control API at `url` (the emulator's base URL); throws on any non-2xx answer. */
export async function control<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/__emulator/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const stats = (url: string) => control<EmulatorStats>(url, 'GET', 'stats');
