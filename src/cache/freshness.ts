/**
 * Freshness in one room: what answers rest on (tags, through each request's dependencies), what
 * drops them (change events and our own writes, through invalidation.ts), the stream's health and
 * the policy that follows from it (docs/operations.md, "What is fresh, and how fast"):
 * - while the change-event stream is healthy, an answer lives the events TTL (a day), since every
 *   change that touches it drops it as it happens;
 * - an answer that holds an object without change events (case comments) lives the short TTL;
 * - from the moment the stream is lost, answers stored before it are served only while younger
 *   than the short TTL; after that they are read again (or, while Salesforce itself fails, served
 *   marked stale). Each replica judges by its own stream, so this holds across replicas, and a
 *   restarted one starts unhealthy;
 * - missed changes (a refused replay id) drop everything.
 *
 * Whoever watches answers live (customerUpdated) hears the same tags as they drop: a change
 * event's on this replica (every replica has its own stream), our own writes' on every replica
 * (through `writes`, which crosses replicas), and "everything" when changes were missed.
 */
import type { Change, Written } from '../domain/dependencies';
import type { ResponseStore } from '../shared-state/responses';
import { OBJECTS, objectOfTypename } from '../salesforce/objects';
import { AnswerDependencies } from './dependencies';
import { tagsOfChange, tagsOfWrite } from './invalidation';
import { RecordIndex } from './record-index';
import { objectTag, recordTag } from './tags';

/** Tags one answer may carry; an answer resting on more is not cached (it would cost more to track than to read). */
export const MAX_TAGS_PER_ANSWER = 2_000;

export interface FreshnessOptions {
  store: ResponseStore;
  /** The change-event stream's health (null: no stream, so the short TTL always). */
  events: { healthy(): boolean } | null;
  /** The phone tag of a stored number, as the lookup reads numbers. */
  phoneTagOf(stored: string): string | null;
  /** The org file's own phone fields on Contact. */
  orgPhoneFields?: readonly string[];
  /** Records the index remembers. @default 50_000 */
  indexSize?: number;
  clock?: () => number;
  /** Carries the tags our writes drop to every replica (this one included); this replica only when absent. */
  writes?: { publish(tags: string[]): void; listen(listener: (tags: string[]) => void): () => void };
}

/** Tags some answers rested on and no longer hold, or everything. */
export type Dropped = ReadonlySet<string> | 'all';

export interface TtlSettings {
  /** The short TTL: without a healthy stream, and for objects without change events. */
  ttlMs: number;
  /** While the stream is healthy. */
  eventsTtlMs: number;
}

export class Freshness {
  readonly index: RecordIndex;
  private readonly clock: () => number;
  private readonly watchers = new Set<(dropped: Dropped) => void>();

  constructor(private readonly o: FreshnessOptions) {
    this.index = new RecordIndex(o.indexSize);
    this.clock = o.clock ?? Date.now;
    o.writes?.listen((tags) => this.tell(new Set(tags)));
  }

  /** Hears every drop from now on; returns how to stop. */
  watch(watcher: (dropped: Dropped) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private tell(dropped: Dropped): void {
    for (const w of this.watchers) w(dropped);
  }

  /** A request's dependencies, for the data layer to fill as it reads. */
  dependencies(): AnswerDependencies {
    return new AnswerDependencies(this.index, this.o.phoneTagOf);
  }

  /** Drops the answers these changes touch; returns how many tags were dropped. */
  async changed(changes: readonly Change[]): Promise<number> {
    const tags = new Set<string>();
    const context = { index: this.index, phoneTagOf: this.o.phoneTagOf, orgPhoneFields: this.o.orgPhoneFields ?? [] };
    for (const c of changes) for (const t of tagsOfChange(c, context)) tags.add(t);
    await this.o.store.invalidate([...tags]);
    this.tell(tags);
    return tags.size;
  }

  /** Drops the answers our own writes touch. */
  async written(written: readonly Written[]): Promise<void> {
    const tags = new Set<string>();
    for (const w of written) for (const t of tagsOfWrite(w, this.index)) tags.add(t);
    await this.o.store.invalidate([...tags]);
    if (this.o.writes) this.o.writes.publish([...tags]);
    else this.tell(tags);
  }

  /** Entities the response-cache plugin names (`Case:500…`, or a type), as tags. */
  entityTags(entities: Iterable<{ typename: string; id?: string | number }>): string[] {
    const tags = new Set<string>();
    for (const e of entities) {
      if (e.id !== undefined) tags.add(recordTag(String(e.id)));
      else {
        const object = objectOfTypename(e.typename);
        if (object) tags.add(objectTag(object));
      }
    }
    return [...tags];
  }

  /** Changes were missed: everything cached goes, and what the index learned. */
  async lost(): Promise<void> {
    this.index.clear();
    await this.o.store.dropAll();
    this.tell('all');
  }

  /** The answers' store. */
  get store(): ResponseStore {
    return this.o.store;
  }

  healthy(): boolean {
    return this.o.events?.healthy() ?? false;
  }

  /** Whether there is a change-event stream at all (when there is none, nothing is ever healthy). */
  get streamed(): boolean {
    return this.o.events !== null;
  }

  /**
   * Whether a stored answer may be served as fresh now: one that lives long only because change
   * events keep it fresh is served, while the stream is not healthy, only while younger than the
   * short TTL.
   */
  servable(answer: { storedAt: number; byEvents: boolean }, shortTtlMs: number): boolean {
    return !answer.byEvents || this.healthy() || this.clock() - answer.storedAt <= shortTtlMs;
  }

  /** Whether change events tell of every change to what these dependencies name (not so of case comments). */
  tracked(deps: AnswerDependencies): boolean {
    return ![...deps.objects].some((o) => OBJECTS[o]?.changeEvents === false);
  }

  /**
   * How long an answer lives: `ttl` as configured for it (the short TTL, or a longer one for the
   * org's picklists), the events TTL while the stream is healthy, the short TTL when it holds an
   * object without change events, and not at all when it rests on too much.
   */
  ttl(ttl: number, deps: AnswerDependencies | undefined, settings: TtlSettings): number {
    if (deps && deps.tags.size > MAX_TAGS_PER_ANSWER) return 0;
    const untracked = deps ? !this.tracked(deps) : false;
    if (untracked) return Math.min(ttl, settings.ttlMs);
    return ttl === settings.ttlMs && this.healthy() ? Math.max(ttl, settings.eventsTtlMs) : ttl;
  }
}
