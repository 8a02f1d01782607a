/**
 * Org metadata (describe results, record types' picklists), kept fresh in the background so that
 * no live call waits for it (docs/operations.md, "Metadata"):
 * - start-up loads what the writes need (services/org-shape.ts, through the shared client);
 * - every entry is loaded again through the shared client when four fifths of its TTL has passed,
 *   never on a request, so a request finds it however long the process runs;
 * - a failed refresh keeps the entry it had (orgs change picklists rarely), says so in `health()`
 *   and the metric, and tries again after a quarter of the TTL (at most 30 s);
 * - only what no start-up or refresh loaded is loaded on a request, once for concurrent callers;
 *   a failed load is not kept, so the next caller tries again.
 * A TTL of 0 keeps nothing: each caller loads anew.
 */
import type { SalesforceApi } from './api';

/** A load, through the client it is given: the shared one in the background, a request's otherwise. */
export type MetadataLoad<V extends object> = (sf: SalesforceApi) => Promise<V>;

export interface MetadataCacheOptions {
  ttlMs: number;
  /** The shared client, for start-up and background loads (no request's deadline or budget). */
  sf: SalesforceApi;
  /** Told of each background refresh. */
  onRefresh?(outcome: 'ok' | 'failed'): void;
  /** @default 500 */
  maxEntries?: number;
}

export interface MetadataHealth {
  entries: number;
  /** Entries whose last refresh failed: still served, older than the TTL. */
  failing: { key: string; since: string }[];
}

interface Entry {
  value: object | null;
  load: MetadataLoad<object>;
  pending: Promise<object> | null;
  timer: NodeJS.Timeout | null;
  failingSince: number | null;
}

const RETRY_MAX_MS = 30_000;

export class MetadataCache {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly o: MetadataCacheOptions) {}

  /** The entry, as kept; loaded through `sf` (the caller's client) only when nothing has loaded it yet. */
  async get<V extends object>(key: string, load: MetadataLoad<V>, sf: SalesforceApi): Promise<V> {
    if (this.o.ttlMs <= 0) return load(sf);
    const entry = this.entries.get(key);
    if (entry?.value) return entry.value as V;
    if (entry?.pending) return (await entry.pending) as V;
    return (await this.load(key, load, sf)) as V;
  }

  health(): MetadataHealth {
    const failing = [...this.entries].filter(([, e]) => e.failingSince !== null).map(([key, e]) => ({ key, since: new Date(e.failingSince!).toISOString() }));
    return { entries: this.entries.size, failing };
  }

  /** Stops the background refreshes. */
  close(): void {
    this.closed = true;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
  }

  private async load(key: string, load: MetadataLoad<object>, sf: SalesforceApi): Promise<object> {
    const keep = this.entries.size < (this.o.maxEntries ?? 500);
    const entry: Entry = { value: null, load, pending: null, timer: null, failingSince: null };
    entry.pending = load(sf);
    if (keep) this.entries.set(key, entry);
    try {
      entry.value = await entry.pending;
      if (keep) this.schedule(entry, (this.o.ttlMs * 4) / 5);
      return entry.value;
    } catch (e) {
      if (keep) this.entries.delete(key);
      throw e;
    } finally {
      entry.pending = null;
    }
  }

  private schedule(entry: Entry, ms: number): void {
    if (this.closed) return;
    entry.timer = setTimeout(() => void this.refresh(entry), ms).unref();
  }

  private async refresh(entry: Entry): Promise<void> {
    try {
      entry.value = await entry.load(this.o.sf);
      entry.failingSince = null;
      this.o.onRefresh?.('ok');
      this.schedule(entry, (this.o.ttlMs * 4) / 5);
    } catch {
      // The old entry stands: orgs change their metadata rarely, and a live call must not wait.
      entry.failingSince ??= Date.now();
      this.o.onRefresh?.('failed');
      this.schedule(entry, Math.min(this.o.ttlMs / 4, RETRY_MAX_MS));
    }
  }
}
