/**
 * Change Data Capture as the emulated org produces it: every committed transaction of the store
 * becomes change events, each an Avro record with its `ChangeEventHeader`, kept in a log per topic
 * with increasing replay ids. What it follows (Change Data Capture Developer Guide, "Change Event
 * Message Structure", "Change Event Body Fields", "Enrich Change Events with Extra Fields"; Pub/Sub
 * API docs; forcedotcom/pub-sub-api):
 *
 * - Objects: Contact, Account (person accounts too), Case and Task. CaseComment is not a Change
 *   Data Capture object, so nothing is published for it.
 * - CREATE carries every field set; UPDATE only the changed ones, and `LastModifiedDate` is always
 *   among them (even when a write lands within the same second); DELETE carries none. Enriched
 *   fields ride on UPDATE and DELETE even when unchanged (null when empty).
 * - `IsDeleted` and `SystemModstamp` are never in events. A name is the compound field `Name`
 *   (`Name.FirstName`, `Name.LastName`, `Name.Salutation`), changed-field bitmaps nest it as
 *   Salesforce's `N-0xHEX` entries.
 * - One event covers several records only when the same change (the same fields, to the same
 *   values) happened to each of them in one transaction.
 * - `changeOrigin` names the request's API version and its `Sforce-Call-Options` client.
 * - GAP_* and GAP_OVERFLOW events (a fault switch here) carry the header and no field values.
 *
 * Left open by the guide, and this emulator's choice [unverified]: the exact Avro types of
 * compound fields, `commitUser` for the integration user, the fields of an UNDELETE (this emulator
 * sends the header and enriched fields only, so that no client leans on more), whether an
 * enriched field's differing values split records into separate events (here they do), and
 * `changeOrigin` without a client option (here the `;client=` part is left out).
 */
import type { Type as AvroType } from 'avro-js';
import type { FieldDef, ObjectDef } from '../salesforce/schema';
import type { CommittedTransaction, RecordChange, SfRecord } from '../salesforce/store';

/** The objects whose changes are published. CaseComment has no change events in Salesforce. */
export const CDC_OBJECTS = ['Contact', 'Account', 'Case', 'Task'] as const;

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';
export const GAP_TYPES = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'] as const;
export type GapType = (typeof GAP_TYPES)[number];

/** `/data/ContactChangeEvent`, or `/data/ChangeEvents` for all of them. */
export const topicOf = (object: string) => `/data/${object}ChangeEvent`;
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

/** Never in a change event. */
const NEVER = new Set(['Id', 'IsDeleted', 'SystemModstamp']);
/** The parts of the compound `Name` of a person (Contact, person Account). */
const NAME_PARTS = ['Salutation', 'FirstName', 'LastName'];

/** One field of an event: a plain field, or the compound Name with its parts. */
type EventField = { kind: 'plain'; def: FieldDef } | { kind: 'name'; parts: FieldDef[] };

/** The fields of an object's change events, in their Avro order (position 0 is the header). */
export function eventFields(o: ObjectDef): EventField[] {
  const byName = new Map(o.fields.map((f) => [f.name, f]));
  const compound = byName.has('FirstName') && byName.has('LastName');
  const parts = NAME_PARTS.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
  const out: EventField[] = [];
  for (const f of o.fields) {
    if (NEVER.has(f.name)) continue;
    if (compound && (f.name === 'Name' || NAME_PARTS.includes(f.name))) {
      if (!out.some((x) => x.kind === 'name')) out.push({ kind: 'name', parts });
      continue;
    }
    out.push({ kind: 'plain', def: f });
  }
  return out;
}

const nameOf = (f: EventField) => (f.kind === 'plain' ? f.def.name : 'Name');

function avroType(f: FieldDef): unknown {
  switch (f.type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int';
    case 'double':
      return 'double';
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'datetime':
      return { type: 'long', logicalType: 'timestamp-millis' };
    default:
      return 'string';
  }
}

/** The Avro schema of an object's change event. */
export function changeEventSchema(o: ObjectDef): Record<string, unknown> {
  const header = {
    name: 'ChangeEventHeader',
    type: {
      type: 'record',
      name: 'ChangeEventHeader',
      namespace: 'com.sforce.eventbus',
      fields: [
        { name: 'entityName', type: 'string' },
        { name: 'recordIds', type: { type: 'array', items: 'string' } },
        {
          name: 'changeType',
          type: {
            type: 'enum',
            name: 'ChangeType',
            namespace: 'com.sforce.eventbus',
            symbols: ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW', 'SNAPSHOT'],
          },
        },
        { name: 'changeOrigin', type: 'string' },
        { name: 'transactionKey', type: 'string' },
        { name: 'sequenceNumber', type: 'int' },
        { name: 'commitTimestamp', type: 'long' },
        { name: 'commitNumber', type: 'long' },
        { name: 'commitUser', type: 'string' },
        { name: 'nulledFields', type: { type: 'array', items: 'string' } },
        { name: 'diffFields', type: { type: 'array', items: 'string' } },
        { name: 'changedFields', type: { type: 'array', items: 'string' } },
      ],
    },
    doc: 'Data:ChangeEventHeader',
  };
  const fields = eventFields(o).map((f) =>
    f.kind === 'plain'
      ? { name: f.def.name, type: ['null', avroType(f.def)], default: null }
      : {
          name: 'Name',
          type: [
            'null',
            {
              type: 'record',
              name: 'Name',
              namespace: 'com.sforce.eventbus',
              fields: f.parts.map((p) => ({ name: p.name, type: ['null', avroType(p)], default: null })),
            },
          ],
          default: null,
        },
  );
  return { type: 'record', name: `${o.name}ChangeEvent`, namespace: 'com.sforce.eventbus', fields: [header, ...fields] };
}

/** Bits for positions, as Salesforce's hex bitmap ("0x" and upper-case digits). */
const hex = (positions: number[]) =>
  `0x${positions
    .reduce((n, i) => n | (1n << BigInt(i)), 0n)
    .toString(16)
    .toUpperCase()}`;

/**
 * A field bitmap as the Pub/Sub API sends it: the top-level positions as `0x…`, then one `N-0x…`
 * entry per compound field N with changed parts. The top-level entry leads whenever nested ones
 * follow (an UPDATE always has LastModifiedDate there).
 */
function bitmaps(top: number[], nested: Map<number, number[]>): string[] {
  const out = top.length > 0 || nested.size > 0 ? [hex(top)] : [];
  for (const [position, parts] of nested) out.push(`${position}-${hex(parts)}`);
  return out;
}

const DATE_MS = 86_400_000;

function avroValue(f: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const type = avroType(f);
  const branch = (name: string, value: unknown) => ({ [name]: value });
  if (type === 'boolean') return branch('boolean', Boolean(v));
  if (type === 'int') return branch('int', Math.trunc(Number(v)));
  if (type === 'double') return branch('double', Number(v));
  if (typeof type === 'object' && (type as { logicalType: string }).logicalType === 'date') return branch('int', Math.floor(Date.parse(String(v)) / DATE_MS));
  if (typeof type === 'object') return branch('long', Date.parse(String(v)));
  return branch('string', String(v));
}

export interface ChangeEvent {
  topic: string;
  object: string;
  /** Avro-encoded payload. */
  payload: Buffer;
  schemaId: string;
  id: string;
}

export interface PublishedObject {
  def: ObjectDef;
  type: AvroType;
  schemaId: string;
}

export interface EventContext {
  transactionKey: string;
  commitNumber: number;
  commitUser: string;
  id: () => string;
  /** Enriched field names by object (PlatformEventChannelMember on the ChangeEvents channel). */
  enriched: ReadonlyMap<string, readonly string[]>;
  /** Switched on by a fault: the transaction's events are sent as this gap type. */
  gap: GapType | null;
}

function changeTypeOf(c: RecordChange): 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' {
  if (!c.before) return 'CREATE';
  if (c.after.IsDeleted === true && c.before.IsDeleted !== true) return 'DELETE';
  if (c.after.IsDeleted !== true && c.before.IsDeleted === true) return 'UNDELETE';
  return 'UPDATE';
}

const same = (a: unknown, b: unknown) => a === b || ((a === undefined || a === null) && (b === undefined || b === null));

/** The change events of one committed transaction, for the objects in `objects`. */
export function changeEventsOf(t: CommittedTransaction, objects: ReadonlyMap<string, PublishedObject>, next: EventContext): ChangeEvent[] {
  interface Group {
    object: string;
    changeType: ChangeType;
    changes: RecordChange[];
    top: number[];
    nested: Map<number, number[]>;
    values: SfRecord;
  }
  const groups = new Map<string, Group>();
  for (const c of t.changes) {
    const o = objects.get(c.object);
    if (!o) continue;
    const real = changeTypeOf(c);
    const fields = eventFields(o.def);
    const enriched = new Set(next.enriched.get(c.object) ?? []);
    const top: number[] = [];
    const nested = new Map<number, number[]>();
    const values: SfRecord = {};
    if (next.gap === null) {
      fields.forEach((f, i) => {
        const position = i + 1;
        if (f.kind === 'name') {
          const changed = f.parts.flatMap((p, j) => (real === 'CREATE' || (real === 'UPDATE' && !same(c.before![p.name], c.after[p.name])) ? [j] : []));
          if (real === 'UPDATE' && changed.length > 0) nested.set(position, changed);
          if (real === 'CREATE' || changed.length > 0)
            values.Name = Object.fromEntries(f.parts.map((p, j) => [p.name, changed.includes(j) ? c.after[p.name] : null]));
          return;
        }
        const name = f.def.name;
        const changed = real === 'UPDATE' && (name === 'LastModifiedDate' || !same(c.before![name], c.after[name]));
        if (changed) top.push(position);
        const carried = real === 'CREATE' || changed || enriched.has(name);
        if (carried) values[name] = real === 'DELETE' ? c.before![name] : c.after[name];
      });
    }
    const changeType: ChangeType = next.gap === 'GAP_OVERFLOW' ? 'GAP_OVERFLOW' : next.gap ? (`GAP_${real}` as ChangeType) : real;
    // Records share an event only when the same fields changed to the same values.
    const key = JSON.stringify([c.object, changeType, top, [...nested], next.gap ? null : values]);
    const group = groups.get(key) ?? { object: c.object, changeType, changes: [], top, nested, values };
    group.changes.push(c);
    groups.set(key, group);
  }
  let sequence = 0;
  return [...groups.values()].map((g) => {
    const o = objects.get(g.object)!;
    const fields = eventFields(o.def);
    const record: SfRecord = {};
    for (const f of fields) {
      if (f.kind === 'plain') record[f.def.name] = avroValue(f.def, g.values[f.def.name]);
      else {
        const name = g.values.Name as SfRecord | undefined;
        record.Name = name ? { 'com.sforce.eventbus.Name': Object.fromEntries(f.parts.map((p) => [p.name, avroValue(p, name[p.name])])) } : null;
      }
    }
    // Nulled: carried fields whose new value is empty (an UPDATE's).
    const nulledTop = g.changeType === 'UPDATE' ? g.top.filter((i) => g.values[nameOf(fields[i - 1]!)] === null) : [];
    const record0 = {
      ChangeEventHeader: {
        entityName: g.object,
        // GAP_OVERFLOW: more changes than one event can name [unverified: whether it lists any Ids].
        recordIds: g.changeType === 'GAP_OVERFLOW' ? [] : g.changes.map((c) => c.id),
        changeType: g.changeType,
        changeOrigin: t.origin,
        transactionKey: next.transactionKey,
        sequenceNumber: ++sequence,
        commitTimestamp: t.committedAt,
        commitNumber: next.commitNumber,
        commitUser: next.commitUser,
        nulledFields: nulledTop.length > 0 ? [hex(nulledTop)] : [],
        diffFields: [],
        changedFields: g.changeType === 'UPDATE' ? bitmaps(g.top, g.nested) : [],
      },
      ...record,
    };
    return { topic: topicOf(g.object), object: g.object, payload: o.type.toBuffer(record0), schemaId: o.schemaId, id: next.id() };
  });
}
