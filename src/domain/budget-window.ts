/**
 * The daily budget's rolling window: 24 hourly buckets. The stores (shared-state/budget.ts) keep
 * a role's calls by hour; the governor (http/policy/budget.ts) tells a refused client when the oldest
 * hour leaves the window.
 */
export const HOUR_MS = 3_600_000;
/** Buckets in the rolling window. */
export const HOURS = 24;

/** The hour bucket `now` (epoch ms) falls in. */
export const hourOf = (now: number) => Math.floor(now / HOUR_MS);

/** Milliseconds until the next hour boundary, when the window's oldest hour leaves it. */
export const msToNextHour = (now: number) => HOUR_MS - (now % HOUR_MS);
