/**
 * The emulated org's records, held in memory, with DML that validates like a real org: field
 * existence and access, types, lengths, restricted picklists, email format, required fields,
 * unique fields, references and validation rules. Writes are visible to the next read at once
 * (SOSL may lag behind them, see `writtenAt`).
 */
import { IdAllocator, normaliseId } from './ids';
import { SfError, type SfErrorItem } from './errors';
import { CLOSED_CASE_STATUSES, CLOSED_TASK_STATUSES, type FieldDef, type ObjectDef, type OrgSchema } from './schema';

export type SfRecord = Record<string, unknown>;

/**
 * `2013-05-20T20:49:32.000+0000`: how the REST API writes dateTimes (docs/salesforce-facts.md#soql). Salesforce
 * keeps dateTimes to the second, so the milliseconds are always `.000`.
 */
export function sfDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('Z', '+0000');
}

export function parseSfDateTime(value: string): number | null {
  // Accepts ...Z, ...+0000 and ...+00:00, with or without milliseconds (REST "valid date formats").
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (!m) return null;
  const offset = m[3] === 'Z' ? 'Z' : `${m[3]!.slice(0, 3)}:${m[3]!.slice(-2)}`;
  const t = Date.parse(`${m[1]}T${m[2]}${offset}`);
  return Number.isNaN(t) ? null : t;
}

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const STRING_TYPES = new Set(['string', 'textarea', 'phone', 'email', 'url', 'picklist', 'multipicklist', 'combobox']);

interface UndoEntry {
  object: string;
  id: string;
  before: SfRecord | undefined;
}

/** One record's change in a committed transaction (for Change Data Capture). */
export interface RecordChange {
  object: string;
  id: string;
  before: SfRecord | undefined;
  after: SfRecord;
}

/** A committed transaction: its changes in order, and when it committed. */
export interface CommittedTransaction {
  changes: RecordChange[];
  committedAt: number;
  /** Where the writes came from, as change events name it (`com/salesforce/api/rest/62.0;client=…`). */
  origin: string;
}

export interface WriteOptions {
  /** Seeding: allow read-only fields (CreatedDate, CaseNumber ...) and skip the clock. */
  system?: boolean;
}

export class Store {
  private readonly tables = new Map<string, Map<string, SfRecord>>();
  private readonly written = new Map<string, number>();
  private readonly ids = new IdAllocator();
  private caseNumber = 1000;
  private undo: UndoEntry[] | null = null;
  /** The changes of the unit in progress; null outside a unit (each write commits alone). */
  private pending: RecordChange[] | null = null;
  private readonly committed: ((t: CommittedTransaction) => void)[] = [];
  /** The origin of the writes under way (the REST server sets it around each request). */
  origin = 'com/salesforce/api/rest/62.0';

  constructor(
    readonly schema: OrgSchema,
    private readonly clock: () => number = Date.now,
    /** The integration user that owns and audits every write. */
    public userId = '',
  ) {
    for (const o of schema.objects) this.tables.set(o.name, new Map());
  }

  now(): number {
    return this.clock();
  }

  table(object: string): Map<string, SfRecord> {
    const t = this.tables.get(object);
    if (!t) throw new Error(`no table for ${object}`);
    return t;
  }

  /** Live (not deleted) rows, or every row for queryAll. */
  *rows(object: string, includeDeleted = false): Iterable<SfRecord> {
    for (const r of this.table(object).values()) if (includeDeleted || r.IsDeleted !== true) yield r;
  }

  get(id: string, includeDeleted = false): SfRecord | undefined {
    const full = normaliseId(id);
    if (!full) return undefined;
    const o = this.schema.objectByPrefix(full);
    const r = o ? this.table(o.name).get(full) : undefined;
    return r && (includeDeleted || r.IsDeleted !== true) ? r : undefined;
  }

  /** When a record was last written (ms); seeded records count as written long ago. */
  writtenAt(id: string): number {
    return this.written.get(id) ?? 0;
  }

  findBy(object: string, fieldName: string, value: string): SfRecord[] {
    const f = this.fieldOf(this.objectOf(object), fieldName);
    const out: SfRecord[] = [];
    for (const r of this.rows(object)) if (sameValue(f, r[f.name], value)) out.push(r);
    return out;
  }

  objectOf(name: string): ObjectDef {
    const o = this.schema.object(name);
    if (!o) throw SfError.one(404, 'NOT_FOUND', 'The requested resource does not exist');
    return o;
  }

  private fieldOf(o: ObjectDef, name: string): FieldDef {
    const f = this.schema.field(o, name);
    if (!f) throw SfError.one(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${o.name}`, [name]);
    return f;
  }

  insert(object: string, values: SfRecord, options: WriteOptions = {}): string {
    const o = this.objectOf(object);
    const now = this.clock();
    const record: SfRecord = {};
    for (const f of o.fields) record[f.name] = f.type === 'boolean' ? false : null;
    const errors = this.assign(o, record, values, 'create', options);
    const id = this.ids.allocate(o.keyPrefix);
    record.Id = id;
    for (const f of o.fields) {
      if (f.defaultValue !== null && f.type !== 'boolean' && (record[f.name] === null || record[f.name] === undefined)) record[f.name] = f.defaultValue;
    }
    const stamp = sfDateTime(now);
    for (const [name, value] of [
      ['CreatedDate', stamp],
      ['LastModifiedDate', stamp],
      ['SystemModstamp', stamp],
      ['CreatedById', this.userId],
      ['LastModifiedById', this.userId],
      ['OwnerId', this.userId],
    ] as const) {
      if (this.schema.field(o, name) && (record[name] === null || record[name] === undefined)) record[name] = value;
    }
    if (o.name === 'Case' && !record.CaseNumber) record.CaseNumber = String(++this.caseNumber).padStart(8, '0');
    if (!options.system) errors.push(...this.checkRecordType(o, record, values));
    if (!options.system && o.name === 'Case' && (record.AccountId === null || record.AccountId === undefined) && !('AccountId' in values)) {
      // A case given a contact and no account gets the contact's account, as Salesforce does
      // unless the org separates accounts from contacts in cases (Setup, Case Settings)
      // [unverified for API writes; the gateway does not depend on it either way].
      const contact = typeof record.ContactId === 'string' ? this.get(record.ContactId) : undefined;
      if (contact && typeof contact.AccountId === 'string') record.AccountId = contact.AccountId;
    }
    if (!options.system) errors.push(...this.checkPerson(o, record, values, undefined));
    this.derive(o, record, undefined, now);
    if (!options.system) {
      // Several missing fields are one error naming them all, as Salesforce reports them.
      const missing = o.fields.filter((f) => !f.nillable && f.createable && (record[f.name] === null || record[f.name] === '')).map((f) => f.name);
      if (missing.length > 0)
        errors.push({ message: `Required fields are missing: [${missing.join(', ')}]`, errorCode: 'REQUIRED_FIELD_MISSING', fields: missing });
    }
    this.checkUnique(o, record, errors);
    if (errors.length === 0) this.checkRules(o, record, undefined, errors);
    if (errors.length > 0) throw new SfError(400, errors);
    if (o.name === 'Case' && options.system) this.caseNumber = Math.max(this.caseNumber, Number(record.CaseNumber));
    if (o.name === 'Account' && record.IsPersonAccount === true) {
      // A person account is an Account with the Contact behind it, made with it in one transaction
      // (as Salesforce does: PersonContactId is set at once, and both change events share it).
      this.together(() => {
        this.put(o, id, record, now);
        record.PersonContactId = this.insert('Contact', { ...personContactValues(record), AccountId: id, IsPersonAccount: true }, { system: true });
      });
      return id;
    }
    this.put(o, id, record, now);
    return id;
  }

  update(object: string, id: string, values: SfRecord): void {
    const o = this.objectOf(object);
    const current = this.getOf(o, id);
    const now = this.clock();
    const record: SfRecord = { ...current };
    const errors = this.assign(o, record, values, 'update', {});
    if ('RecordTypeId' in values) errors.push(...this.checkRecordType(o, record, values));
    errors.push(...this.checkPerson(o, record, values, current));
    const missing = o.fields
      .filter((f) => !f.nillable && f.updateable && f.name in values && (record[f.name] === null || record[f.name] === ''))
      .map((f) => f.name);
    if (missing.length > 0)
      errors.push({ message: `Required fields are missing: [${missing.join(', ')}]`, errorCode: 'REQUIRED_FIELD_MISSING', fields: missing });
    this.derive(o, record, current, now);
    this.checkUnique(o, record, errors);
    if (errors.length === 0) this.checkRules(o, record, current, errors);
    if (errors.length > 0) throw new SfError(400, errors);
    const stamp = sfDateTime(now);
    if ('LastModifiedDate' in record) record.LastModifiedDate = stamp;
    if ('SystemModstamp' in record) record.SystemModstamp = stamp;
    if ('LastModifiedById' in record) record.LastModifiedById = this.userId;
    // A person account's person fields are its contact's: an edit of one is an edit of the other,
    // in the same transaction.
    const mirrored = o.name === 'Account' && record.IsPersonAccount === true && typeof record.PersonContactId === 'string' ? personContactValues(values) : {};
    this.together(() => {
      this.put(o, current.Id as string, record, now);
      if (Object.keys(mirrored).length > 0) this.update('Contact', record.PersonContactId as string, mirrored);
    });
  }

  /** Runs `write` as one transaction unless a unit is already open (then it is part of that one). */
  private together(write: () => void): void {
    if (this.pending) return write();
    const unit = this.begin();
    try {
      write();
    } catch (e) {
      unit.rollback();
      unit.end();
      throw e;
    }
    unit.end();
  }

  /**
   * Restores a deleted record, as the Recycle Bin (or SOAP's undelete) does; the REST API has no
   * undelete of its own, so the control API stands in for a person restoring it.
   */
  undelete(id: string): string {
    const full = normaliseId(id);
    const o = full ? this.schema.objectByPrefix(full) : undefined;
    const r = o && full ? this.table(o.name).get(full) : undefined;
    if (!o || !r || r.IsDeleted !== true) throw SfError.one(404, 'ENTITY_IS_NOT_DELETED', 'entity is not in the recycle bin', []);
    const now = this.clock();
    const stamp = sfDateTime(now);
    this.put(
      o,
      full!,
      { ...r, IsDeleted: false, ...('SystemModstamp' in r ? { SystemModstamp: stamp } : {}), ...('LastModifiedDate' in r ? { LastModifiedDate: stamp } : {}) },
      now,
    );
    return full!;
  }

  delete(object: string, id: string): void {
    const o = this.objectOf(object);
    const current = this.getOf(o, id);
    const now = this.clock();
    // The stamp moves with the deletion: `sobjects/{Type}/deleted` reports it as deletedDate.
    this.put(o, current.Id as string, { ...current, IsDeleted: true, ...('SystemModstamp' in current ? { SystemModstamp: sfDateTime(now) } : {}) }, now);
  }

  private getOf(o: ObjectDef, id: string): SfRecord {
    const full = normaliseId(id);
    const r = full && full.startsWith(o.keyPrefix) ? this.table(o.name).get(full) : undefined;
    if (!r) {
      if (full && this.table(o.name).has(full)) throw SfError.one(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
      throw SfError.one(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (r.IsDeleted === true) throw SfError.one(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
    return r;
  }

  private put(o: ObjectDef, id: string, record: SfRecord, now: number): void {
    const table = this.table(o.name);
    const before = table.get(id);
    this.undo?.push({ object: o.name, id, before });
    table.set(id, record);
    this.written.set(id, now);
    const change = { object: o.name, id, before, after: record };
    if (this.pending) this.pending.push(change);
    else this.commit([change], now);
  }

  /** Calls `listener` with every committed transaction (a rolled-back unit commits nothing). */
  onCommit(listener: (t: CommittedTransaction) => void): () => void {
    this.committed.push(listener);
    return () => {
      const i = this.committed.indexOf(listener);
      if (i >= 0) this.committed.splice(i, 1);
    };
  }

  private commit(changes: RecordChange[], at: number): void {
    if (changes.length === 0) return;
    for (const listener of this.committed) listener({ changes, committedAt: at, origin: this.origin });
  }

  /**
   * Starts a unit of work (composite allOrNone, collections): writes are logged until `end()`,
   * and `rollback()` undoes them in reverse order. Units do not nest.
   */
  begin(): { rollback(): void; end(): void } {
    const log: UndoEntry[] = [];
    const changes: RecordChange[] = [];
    this.undo = log;
    this.pending = changes;
    return {
      rollback: () => {
        for (const u of log.reverse()) {
          const table = this.table(u.object);
          if (u.before) table.set(u.id, u.before);
          else table.delete(u.id);
        }
        log.length = 0;
        changes.length = 0;
      },
      end: () => {
        this.undo = null;
        this.pending = null;
        // One transaction: what the unit wrote and kept commits together.
        this.commit(changes, this.clock());
      },
    };
  }

  snapshot(): () => void {
    const tables = new Map([...this.tables].map(([k, t]) => [k, new Map(t)]));
    const ids = this.ids.snapshot();
    const caseNumber = this.caseNumber;
    return () => {
      for (const [k, t] of tables) this.tables.set(k, new Map(t));
      this.ids.restore(ids);
      this.caseNumber = caseNumber;
      this.written.clear();
    };
  }

  private assign(o: ObjectDef, record: SfRecord, values: SfRecord, mode: 'create' | 'update', options: WriteOptions) {
    const errors: SfErrorItem[] = [];
    const notWritable: string[] = [];
    for (const [key, raw] of Object.entries(values)) {
      if (key === 'attributes' || (key === 'Id' && mode === 'update')) continue;
      const f = this.schema.field(o, key);
      if (!f) {
        throw SfError.one(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${o.name}`, [key]);
      }
      if (!options.system && !(mode === 'create' ? f.createable : f.updateable)) {
        notWritable.push(f.name);
        continue;
      }
      const result = coerce(f, raw, this);
      if ('error' in result) errors.push(result.error);
      else record[f.name] = result.value;
    }
    if (notWritable.length > 0) {
      errors.unshift({
        message: `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        fields: notWritable,
      });
    }
    return errors;
  }

  private derive(o: ObjectDef, record: SfRecord, before: SfRecord | undefined, now: number): void {
    if (o.name === 'Account' && typeof record.RecordTypeId === 'string') {
      // The person account record type makes the account a person: named as one.
      const type = this.get(record.RecordTypeId);
      record.IsPersonAccount = type?.IsPersonType === true;
      if (record.IsPersonAccount) record.Name = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
    }
    if (o.name === 'Contact' || o.name === 'User') {
      record.Name = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
    }
    if (o.name === 'Case') {
      const closed = CLOSED_CASE_STATUSES.has(String(record.Status ?? '').toLowerCase());
      record.IsClosed = closed;
      if (closed && !before?.IsClosed) record.ClosedDate = record.ClosedDate ?? sfDateTime(now);
      if (!closed) record.ClosedDate = null;
      if (closed && before?.IsClosed) record.ClosedDate = before.ClosedDate;
    }
    if (o.name === 'Opportunity') {
      record.IsClosed = String(record.StageName ?? '').startsWith('Closed');
      record.IsWon = record.StageName === 'Closed Won';
    }
    if (o.name === 'Task') {
      record.IsClosed = CLOSED_TASK_STATUSES.has(String(record.Status ?? '').toLowerCase());
      // Salesforce stamps when a task was closed (API 46.0+), and clears it when it is reopened.
      record.CompletedDateTime = record.IsClosed ? (before?.IsClosed ? before.CompletedDateTime : sfDateTime(now)) : null;
      const what = typeof record.WhatId === 'string' ? this.get(record.WhatId) : undefined;
      const who = typeof record.WhoId === 'string' ? this.get(record.WhoId) : undefined;
      const whatAccount = what ? (String(what.Id).startsWith('001') ? what.Id : what.AccountId) : null;
      record.AccountId = whatAccount ?? who?.AccountId ?? null;
    }
  }

  /**
   * A record type must be one of the object's, active and available to the user; a new record
   * without one gets the user's default. Its picklist values must be the record type's.
   */
  private checkRecordType(o: ObjectDef, record: SfRecord, values: SfRecord): SfErrorItem[] {
    const types = o.recordTypes ?? [];
    if (types.length === 0) return [];
    if (!('RecordTypeId' in values) || values.RecordTypeId === null) {
      const fallback = types.find((t) => t.isDefault && t.active !== false);
      if (fallback && !record.RecordTypeId) record.RecordTypeId = fallback.id;
    }
    const id = typeof record.RecordTypeId === 'string' ? record.RecordTypeId : null;
    if (id === null) return [];
    const type = types.find((t) => t.id === id);
    if (!type || type.active === false) {
      return [{ message: `Record Type ID: this ID value isn't valid for the user: ${id}`, errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['RecordTypeId'] }];
    }
    const errors: SfErrorItem[] = [];
    for (const [field, allowed] of Object.entries(type.picklists ?? {})) {
      const v = record[field];
      const f = this.schema.field(o, field);
      // A restricted picklist refuses a value its record type does not list [unverified: the
      // wording; an unrestricted one takes any value through the API].
      if (f?.restrictedPicklist && typeof v === 'string' && !allowed.includes(v)) {
        errors.push({ message: `bad value for restricted picklist field: ${v}`, errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: [f.name] });
      }
    }
    return errors;
  }

  /**
   * Person accounts: one Contact each (made with it), and a name made of FirstName and LastName.
   * The codes and wording are [unverified]: Salesforce documents the rules, not their errors.
   */
  private checkPerson(o: ObjectDef, record: SfRecord, values: SfRecord, before: SfRecord | undefined): SfErrorItem[] {
    if (o.name === 'Contact' && typeof values.AccountId === 'string' && record.IsPersonAccount !== true) {
      const account = this.get(values.AccountId);
      if (account?.IsPersonAccount === true && account.PersonContactId !== record.Id) {
        return [{ message: 'Cannot add a contact to a person account.', errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['AccountId'] }];
      }
    }
    if (o.name === 'Account' && 'Name' in values && !before) {
      const type = typeof record.RecordTypeId === 'string' ? this.get(record.RecordTypeId) : undefined;
      if (type?.IsPersonType === true) {
        return [
          { message: 'Name is not writable on a person account: use FirstName and LastName.', errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name'] },
        ];
      }
    }
    return [];
  }

  private checkUnique(o: ObjectDef, record: SfRecord, errors: SfErrorItem[]): void {
    for (const f of o.fields) {
      const v = record[f.name];
      if (!f.unique || typeof v !== 'string' || v === '') continue;
      for (const other of this.rows(o.name)) {
        if (other.Id !== record.Id && sameValue(f, other[f.name], v)) {
          errors.push({
            message: `duplicate value found: ${f.name} duplicates value on record with id: ${other.Id}`,
            errorCode: 'DUPLICATE_VALUE',
            fields: [f.name],
          });
          break;
        }
      }
    }
  }

  /** Validation rules see the record as it would be saved and, on update, as it was (PRIORVALUE). */
  private checkRules(o: ObjectDef, record: SfRecord, prior: SfRecord | undefined, errors: SfErrorItem[]): void {
    for (const rule of o.validationRules) {
      if (rule.failsWhen(record, prior)) {
        errors.push({
          message: rule.message,
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          fields: rule.errorField ? [rule.errorField] : [],
        });
      }
    }
  }
}

function sameValue(f: FieldDef, stored: unknown, value: string): boolean {
  if (typeof stored !== 'string') return false;
  if (f.type === 'id' || f.type === 'reference') return normaliseId(value) === stored;
  return f.caseSensitive ? stored === value : stored.toLowerCase() === value.toLowerCase();
}

type Coerced = { value: unknown } | { error: SfErrorItem };

function coerce(f: FieldDef, raw: unknown, store: Store): Coerced {
  const jsonError = (what: string): Coerced => ({
    error: {
      message: `Cannot deserialize instance of ${what} from ${JSON.stringify(raw)} for field ${f.name}`,
      errorCode: 'JSON_PARSER_ERROR',
      fields: [f.name],
    },
  });
  if (raw === null || raw === undefined || (raw === '' && f.type !== 'boolean')) {
    return f.type === 'boolean' ? jsonError('boolean') : { value: null };
  }
  switch (f.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : jsonError('boolean');
    case 'int':
    case 'double': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (f.type === 'int' && !Number.isInteger(n))) return jsonError(f.type);
      return { value: n };
    }
    case 'datetime': {
      const t = typeof raw === 'string' ? parseSfDateTime(raw) : null;
      return t === null ? jsonError('datetime') : { value: sfDateTime(t) };
    }
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? { value: raw } : jsonError('date');
    case 'id':
    case 'reference': {
      const id = typeof raw === 'string' ? normaliseId(raw) : null;
      const target = id ? store.get(id) : undefined;
      if (!id || !f.referenceTo.some((t) => store.schema.object(t)?.keyPrefix === id.slice(0, 3))) {
        return {
          error: { message: `${f.label}: id value of incorrect type: ${String(raw)}`, errorCode: 'MALFORMED_ID', fields: [f.name] },
        };
      }
      // A record type is checked against the object's own (checkRecordType), with its own message.
      if (!target && f.name !== 'RecordTypeId') {
        // Wording unverified (docs/salesforce-facts.md#rest-conventions-and-errors lists the code family, not this message).
        return { error: { message: 'invalid cross reference id', errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: [f.name] } };
      }
      return { value: id };
    }
    default: {
      if (!STRING_TYPES.has(f.type)) return { value: raw };
      if (typeof raw !== 'string' && typeof raw !== 'number') return jsonError('String');
      const value = String(raw);
      if (value.length > f.length) {
        return {
          error: {
            message: `${f.label}: data value too large: ${value.slice(0, 80)} (max length=${f.length})`,
            errorCode: 'STRING_TOO_LONG',
            fields: [f.name],
          },
        };
      }
      if (f.type === 'email' && !EMAIL.test(value)) {
        return { error: { message: `${f.label}: invalid email address: ${value}`, errorCode: 'INVALID_EMAIL_ADDRESS', fields: [f.name] } };
      }
      if (f.restrictedPicklist) {
        const allowed = new Set(f.picklistValues.map((p) => p.value));
        const parts = f.type === 'multipicklist' ? value.split(';') : [value];
        if (!parts.every((p) => allowed.has(p))) {
          return {
            error: {
              message: `${f.label}: bad value for restricted picklist field: ${value}`,
              errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
              fields: [f.name],
            },
          };
        }
      }
      return { value };
    }
  }
}

/** Account person fields and the Contact fields they are (`X__pc` on Account is `X__c` on Contact). */
const PERSON_FIELDS: Record<string, string> = {
  FirstName: 'FirstName',
  LastName: 'LastName',
  Phone: 'Phone',
  PersonMobilePhone: 'MobilePhone',
  PersonHomePhone: 'HomePhone',
  PersonOtherPhone: 'OtherPhone',
  PersonEmail: 'Email',
};

function personContactValues(account: SfRecord): SfRecord {
  const out: SfRecord = {};
  for (const [name, value] of Object.entries(account)) {
    const target = PERSON_FIELDS[name] ?? (name.endsWith('__pc') ? `${name.slice(0, -4)}__c` : null);
    if (target) out[target] = value;
  }
  return out;
}
