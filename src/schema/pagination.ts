/**
 * Relay-style connections: PageInfo, opaque cursors, and the `first` rule (1..50, else
 * BAD_USER_INPUT). Cursors are base64url JSON: a keyset position (createdAt, id) for lists that
 * are newest first, or an offset for search results.
 */
import type { ObjectRef } from '@pothos/core';
import { badInput } from '../domain/errors';
import { normaliseId } from '../domain/ids';
import type { Page } from '../domain/records';
import type { PageRequest } from '../salesforce/pages';
import { builder } from './builder';
import { costs } from './cost';
import type { Context } from './context';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { nullable: false }),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

export const MAX_FIRST = 50;

export function parseFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw badInput(`first must be 1..${MAX_FIRST}`, 'first');
  return first;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

const invalidCursor = () => badInput('after is not a cursor from this connection', 'after');

/** A newest-first page request from `first` and `after`. */
export function keysetPage(first: number, after: string | null | undefined): PageRequest {
  const page: PageRequest = { first: parseFirst(first) };
  if (after === null || after === undefined) return page;
  const value = decode(after);
  if (!Array.isArray(value) || value[0] !== 'k' || typeof value[1] !== 'string' || typeof value[2] !== 'string') throw invalidCursor();
  const id = normaliseId(value[2]);
  const createdAt = new Date(value[1]);
  // Salesforce keeps dateTimes from 1700 to 4000: anything else cannot come from this connection.
  const year = createdAt.getUTCFullYear();
  if (!id || Number.isNaN(createdAt.getTime()) || year < 1700 || year > 4000) throw invalidCursor();
  return { ...page, after: { createdAt, id } };
}

export function offsetPage(first: number, after: string | null | undefined): { first: number; offset: number } {
  const n = parseFirst(first);
  if (after === null || after === undefined) return { first: n, offset: 0 };
  const value = decode(after);
  // SOSL caps OFFSET at 2,000 (docs/salesforce-facts.md#sosl-and-phone-numbers).
  if (!Array.isArray(value) || value[0] !== 'o' || !Number.isInteger(value[1]) || value[1] < 0 || value[1] > 2000) throw invalidCursor();
  return { first: n, offset: value[1] as number };
}

export function keysetConnection<T extends { id: string; createdAt: Date }>(page: Page<T>, request: PageRequest): Connection<T> {
  return toConnection(page.records, page.hasMore, request.after !== undefined, (r) => encode(['k', r.createdAt.toISOString(), r.id]));
}

export function offsetConnection<T>(records: T[], hasMore: boolean, offset: number): Connection<T> {
  return toConnection(records, hasMore, offset > 0, (_r, i) => encode(['o', offset + i + 1]));
}

function toConnection<T>(records: T[], hasMore: boolean, hasPrevious: boolean, cursor: (r: T, i: number) => string): Connection<T> {
  const edges = records.map((node, i) => ({ cursor: cursor(node, i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** An edge of a connection. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** `<Name>Edge` for a node type: each type file makes its own, so that the node field stays typed. */
export function edgeFields<T>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Edge<T>>) {
  return { cursor: t.exposeString('cursor', { nullable: false }) };
}

/** `<Name>Connection` over its edge type. */
export function connectionRef<T>(name: string, edge: ObjectRef<Types, Edge<T>>) {
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], nullable: false, resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, nullable: false, resolve: (c) => c.pageInfo }),
    }),
  });
}

export interface ChildListOptions<T> {
  connection: ObjectRef<Types, Connection<T>>;
  description: string;
  /** What the list holds, plural, for the argument descriptions ("calls"). */
  noun: string;
  defaultFirst: number;
  /** One page of the parent's children (a page loader, so that parents batch). */
  load(ctx: Context, parentId: string, page: PageRequest): Promise<Page<T>>;
  /** Puts the rows into their by-Id loader, saving a later call. */
  prime(ctx: Context, rows: T[]): void;
}

/** A record's children as a connection, newest first: `first` and `after`, one page loader. */
export function childList<P extends { id: string }, T extends { id: string; createdAt: Date }>(
  parent: ObjectRef<Types, P>,
  name: string,
  o: ChildListOptions<T>,
): void {
  builder.objectField(parent, name, (t) =>
    t.field({
      extensions: costs({ kind: 'batchedList' }),
      type: o.connection,
      nullable: true,
      description: o.description,
      args: {
        first: t.arg.int({ required: true, defaultValue: o.defaultFirst, description: `How many ${o.noun}, 1 to 50.` }),
        after: t.arg.string({ required: false, description: `The cursor where the previous page of ${o.noun} ended (its pageInfo.endCursor).` }),
      },
      resolve: async (record, args, ctx) => {
        const page = keysetPage(args.first, args.after);
        const result = await o.load(ctx, record.id, page);
        o.prime(ctx, result.records);
        return keysetConnection(result, page);
      },
    }),
  );
}
