/**
 * Change Data Capture as the emulated org produces it: every committed transaction of the store
 * becomes change events (one per object, change type and set of changed fields, as Salesforce
 * groups records), each an Avro record with its `ChangeEventHeader`, kept in a log per topic with
 * increasing replay ids.
 *
 * Schemas follow Salesforce's change event shape (Change Data Capture Developer Guide, "Change
 * Event Message Structure"): the header, then every field of the object as a nullable union.
 * `changedFields`, `diffFields` and `nulledFields` are bitmaps of field positions in hex, as the
 * Pub/Sub API sends them (the client's eventParser turns them back into names). Details the
 * guide leaves open (the exact Avro types of compound fields, `commitUser` for the integration
 * user) are this emulator's choice [unverified].
 */
import type { Type as AvroType } from 'avro-js';
import type { FieldDef, ObjectDef } from '../salesforce/schema';
import type { CommittedTransaction, RecordChange } from '../salesforce/store';
import type { SfRecord } from '../salesforce/store';

/** The objects whose changes are published: the ones the gateway's answers hold. */
export const CDC_OBJECTS = ['Contact', 'Account', 'Case', 'Task', 'CaseComment'] as const;

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';

/** `/data/ContactChangeEvent`, or `/data/ChangeEvents` for all of them. */
export const topicOf = (object: string) => `/data/${object}ChangeEvent`;
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

/** Fields that change with every write and are left out of changedFields [unverified: Salesforce lists LastModifiedDate]. */
const BOOKKEEPING = new Set(['SystemModstamp', 'LastModifiedById']);

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
  return {
    type: 'record',
    name: `${o.name}ChangeEvent`,
    namespace: 'com.sforce.eventbus',
    fields: [header, ...o.fields.filter((f) => f.name !== 'Id').map((f) => ({ name: f.name, type: ['null', avroType(f)], default: null }))],
  };
}

/** Bit i for field position i, as Salesforce's hex bitmap ("0x" and upper-case digits). */
function bitmap(positions: number[]): string[] {
  if (positions.length === 0) return [];
  const bits = positions.reduce((n, i) => n | (1n << BigInt(i)), 0n);
  return [`0x${bits.toString(16).toUpperCase()}`];
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

/** The change events of one committed transaction, for the objects in `objects`. */
export function changeEventsOf(
  t: CommittedTransaction,
  objects: ReadonlyMap<string, { def: ObjectDef; type: AvroType; schemaId: string }>,
  next: { transactionKey: string; commitNumber: number; commitUser: string; id: () => string },
): ChangeEvent[] {
  const groups = new Map<string, { object: string; changeType: ChangeType; changes: RecordChange[]; changed: number[] }>();
  for (const c of t.changes) {
    const o = objects.get(c.object);
    if (!o) continue;
    const changeType: ChangeType = !c.before ? 'CREATE' : c.after.IsDeleted === true && c.before.IsDeleted !== true ? 'DELETE' : 'UPDATE';
    const fields = o.def.fields.filter((f) => f.name !== 'Id');
    const changed =
      changeType === 'UPDATE' ? fields.flatMap((f, i) => (!BOOKKEEPING.has(f.name) && !same(c.before![f.name], c.after[f.name]) ? [i + 1] : [])) : [];
    const key = `${c.object}|${changeType}|${changed.join(',')}`;
    const group = groups.get(key) ?? { object: c.object, changeType, changes: [], changed };
    group.changes.push(c);
    groups.set(key, group);
  }
  let sequence = 0;
  return [...groups.values()].map((g) => {
    const o = objects.get(g.object)!;
    const fields = o.def.fields.filter((f) => f.name !== 'Id');
    const first = g.changes[0]!.after;
    // A create carries every field set; an update the changed ones; a delete none.
    const values: SfRecord = {};
    fields.forEach((f, i) => {
      const carried = g.changeType === 'CREATE' ? first[f.name] : g.changeType === 'UPDATE' && g.changed.includes(i + 1) ? first[f.name] : null;
      values[f.name] = avroValue(f, carried);
    });
    const nulled = g.changeType === 'UPDATE' ? g.changed.filter((i) => first[fields[i - 1]!.name] === null) : [];
    const record = {
      ChangeEventHeader: {
        entityName: g.object,
        recordIds: g.changes.map((c) => c.id),
        changeType: g.changeType,
        changeOrigin: 'com/salesforce/api/rest/62.0',
        transactionKey: next.transactionKey,
        sequenceNumber: ++sequence,
        commitTimestamp: t.committedAt,
        commitNumber: next.commitNumber,
        commitUser: next.commitUser,
        nulledFields: bitmap(nulled),
        diffFields: [],
        changedFields: bitmap(g.changed),
      },
      ...values,
    };
    return { topic: topicOf(g.object), object: g.object, payload: o.type.toBuffer(record), schemaId: o.schemaId, id: next.id() };
  });
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}
