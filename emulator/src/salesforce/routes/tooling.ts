/**
 * The Tooling API's `PlatformEventChannelMember`, as far as change-event enrichment needs it
 * (Change Data Capture Developer Guide, "Enrich Change Events with Extra Fields"): a member of the
 * standard `ChangeEvents` channel for `<Object>ChangeEvent`, with `enrichedFields` that ride on
 * every UPDATE and DELETE event of that object. Create (POST), read, update (PATCH) and delete.
 *
 * [unverified]: the key prefix `0v8`, the error codes and wording for a bad entity or field, and
 * whether Salesforce accepts a member without `enrichedFields` (here it does: no enrichment).
 */
import { SfError, notFound } from '../errors';
import { IdAllocator, normaliseId } from '../ids';
import type { Answer, Org } from './context';

export interface ChannelMember {
  Id: string;
  FullName: string;
  Metadata: { eventChannel: string; selectedEntity: string; enrichedFields: { name: string }[] };
}

const CHANNEL = 'ChangeEvents';

/** The org's channel members, and the enriched fields they add, by object. */
export class Enrichment {
  private readonly members = new Map<string, ChannelMember>();
  private readonly ids = new IdAllocator();

  /** Enriched field names by object (`Case` → [`ContactId`]). */
  byObject(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of this.members.values()) {
      const object = m.Metadata.selectedEntity.replace(/ChangeEvent$/, '');
      out.set(object, [...new Set([...(out.get(object) ?? []), ...m.Metadata.enrichedFields.map((f) => f.name)])]);
    }
    return out;
  }

  reset(): void {
    this.members.clear();
  }

  route(org: Org, method: string, tail: string[], body: unknown, cdcObjects: readonly string[]): Answer {
    // tooling/sobjects/PlatformEventChannelMember[/{id}]
    if (tail[0] !== 'sobjects' || tail[1] !== 'PlatformEventChannelMember') throw notFound();
    const id = tail[2] ? normaliseId(tail[2]) : null;
    if (tail.length > 3 || (tail[2] && !id)) throw notFound();
    if (!id) {
      if (method !== 'POST') throw SfError.one(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are POST`);
      const member = this.checked(org, body, cdcObjects, null);
      this.members.set(member.Id, member);
      return { status: 201, body: { id: member.Id, success: true, errors: [], warnings: [], infos: [] } };
    }
    const found = this.members.get(id);
    if (!found) throw notFound();
    if (method === 'GET') return { status: 200, body: { attributes: { type: 'PlatformEventChannelMember' }, ...found } };
    if (method === 'DELETE') {
      this.members.delete(id);
      return { status: 204 };
    }
    if (method === 'PATCH') {
      this.members.set(id, this.checked(org, body, cdcObjects, found));
      return { status: 204 };
    }
    throw SfError.one(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,DELETE`);
  }

  private checked(org: Org, body: unknown, cdcObjects: readonly string[], current: ChannelMember | null): ChannelMember {
    const b = (body ?? {}) as { FullName?: unknown; Metadata?: { eventChannel?: unknown; selectedEntity?: unknown; enrichedFields?: unknown } };
    const meta = { ...current?.Metadata, ...b.Metadata } as Record<string, unknown>;
    const entity = String(meta.selectedEntity ?? '');
    const object = entity.replace(/ChangeEvent$/, '');
    if (meta.eventChannel !== CHANNEL)
      throw SfError.one(400, 'FIELD_INTEGRITY_EXCEPTION', `eventChannel: this emulator serves the ${CHANNEL} channel only`, ['eventChannel']);
    if (!entity.endsWith('ChangeEvent') || !cdcObjects.includes(object)) {
      throw SfError.one(400, 'FIELD_INTEGRITY_EXCEPTION', `selectedEntity: ${entity} is not a change event entity of this org`, ['selectedEntity']);
    }
    const def = org.schema.object(object)!;
    const fields = Array.isArray(meta.enrichedFields) ? (meta.enrichedFields as { name?: unknown }[]) : [];
    const names = fields.map((f) => String(f?.name ?? ''));
    const unknown = names.filter((n) => !org.schema.field(def, n) || n === 'IsDeleted' || n === 'SystemModstamp');
    if (unknown.length > 0)
      throw SfError.one(400, 'FIELD_INTEGRITY_EXCEPTION', `enrichedFields: no field ${unknown.join(', ')} on ${object}`, ['enrichedFields']);
    const canonical = names.map((n) => org.schema.field(def, n)!.name);
    return {
      Id: current?.Id ?? this.ids.allocate('0v8'),
      FullName: typeof b.FullName === 'string' ? b.FullName : (current?.FullName ?? `${CHANNEL}_${entity}`),
      Metadata: { eventChannel: CHANNEL, selectedEntity: entity, enrichedFields: canonical.map((name) => ({ name })) },
    };
  }
}
