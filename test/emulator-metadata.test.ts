import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOrgSchema } from 'salesforce-emulator';

/**
 * The custom fields an admin deploys to a real org (schema/salesforce, source format) and the
 * emulator's org schema must agree: same names, types, lengths, keys and picklist values.
 */
const ROOT = new URL('../schema/salesforce/force-app/main/default/objects/', import.meta.url);
// Task custom fields are defined on Activity in metadata.
const OBJECT_FOR = { Activity: 'Task', Case: 'Case', Contact: 'Contact' } as Record<string, string>;
const TYPES: Record<string, string> = { Text: 'string', Picklist: 'picklist', Checkbox: 'boolean', DateTime: 'datetime', Phone: 'phone' };

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

function shippedFields() {
  const out: { object: string; name: string; xml: string }[] = [];
  for (const folder of readdirSync(ROOT)) {
    if (!existsSync(new URL(`${folder}/fields/`, ROOT))) continue;
    for (const file of readdirSync(new URL(`${folder}/fields/`, ROOT))) {
      out.push({
        object: OBJECT_FOR[folder]!,
        name: file.replace('.field-meta.xml', ''),
        xml: readFileSync(new URL(`${folder}/fields/${file}`, ROOT), 'utf8'),
      });
    }
  }
  return out;
}

describe('custom field metadata', () => {
  const schema = createOrgSchema();
  const fields = shippedFields();

  it('ships every gateway field', () => {
    expect(fields.map((f) => `${f.object}.${f.name}`).sort()).toEqual([
      'Case.Gateway_Request_Fingerprint__c',
      'Case.Gateway_Request_Key__c',
      'Contact.SMS_Opt_In__c',
      'Contact.SMS_Opt_Out__c',
      'Task.Call_From__c',
      'Task.Call_Started_At__c',
      'Task.Follow_Up_Channel__c',
      'Task.Follow_Up_Status__c',
      'Task.Follow_Up_To__c',
      'Task.Gateway_Request_Fingerprint__c',
      'Task.Gateway_Request_Key__c',
    ]);
  });

  it.each(shippedFields().map((f) => [`${f.object}.${f.name}`, f] as const))('%s matches the emulator', (_name, f) => {
    const object = schema.object(f.object)!;
    const def = schema.field(object, f.name)!;
    expect(def, `${f.object}.${f.name} missing in the emulator`).toBeDefined();
    expect(tag(f.xml, 'fullName')).toBe(def.name);
    expect(TYPES[tag(f.xml, 'type')!]).toBe(def.type);
    expect(def.custom).toBe(true);
    if (def.type === 'string') expect(Number(tag(f.xml, 'length'))).toBe(def.length);
    expect(tag(f.xml, 'externalId') === 'true').toBe(def.externalId);
    expect(tag(f.xml, 'unique') === 'true').toBe(def.unique);
    if (def.unique) expect(tag(f.xml, 'caseSensitive') === 'true').toBe(def.caseSensitive);
    if (def.type === 'picklist') {
      const values = [...f.xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]);
      expect(values).toEqual(def.picklistValues.map((p) => p.value));
      expect(tag(f.xml, 'restricted') === 'true').toBe(def.restrictedPicklist);
    }
  });
});

describe('validation rule metadata', () => {
  it('the forward-only follow-up status rule ships and the emulator enforces it', () => {
    const xml = readFileSync(new URL('Task/validationRules/Follow_Up_Status_Forward_Only.validationRule-meta.xml', ROOT), 'utf8');
    expect(tag(xml, 'active')).toBe('true');
    expect(tag(xml, 'errorDisplayField')).toBe('Follow_Up_Status__c');
    const rule = createOrgSchema()
      .object('Task')!
      .validationRules.find((r) => r.name === 'Follow_Up_Status_Forward_Only');
    expect(rule?.errorField).toBe('Follow_Up_Status__c');
    expect(rule?.message).toBe(tag(xml, 'errorMessage'));
    // Forward moves pass; backward moves and moves out of a final state are refused; inserts are free.
    expect(rule!.failsWhen({ Follow_Up_Status__c: 'SENT' }, { Follow_Up_Status__c: 'PENDING' })).toBe(false);
    expect(rule!.failsWhen({ Follow_Up_Status__c: 'DELIVERED' }, { Follow_Up_Status__c: 'SENT' })).toBe(false);
    expect(rule!.failsWhen({ Follow_Up_Status__c: 'SENT' }, { Follow_Up_Status__c: 'DELIVERED' })).toBe(true);
    expect(rule!.failsWhen({ Follow_Up_Status__c: 'FAILED' }, { Follow_Up_Status__c: 'DELIVERED' })).toBe(true);
    expect(rule!.failsWhen({ Follow_Up_Status__c: 'PENDING' }, undefined)).toBe(false);
  });
});
