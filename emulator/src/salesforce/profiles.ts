/**
 * Org profiles (`EMULATOR_ORG_PROFILE`): the demo org, and two shapes real orgs often have. Each
 * is the demo org with its additions, described and enforced as Salesforce does:
 *
 * - `demo`: the demo org as it is;
 * - `b2c`: person accounts (the PersonAccount record type, person fields on Account, the Contact
 *   behind each one with `IsPersonAccount`, `PersonContactId` on the account), a custom phone
 *   field on Contact (`WhatsApp__c`) and a loyalty picklist (`Loyalty_Tier__c`, on Account as
 *   `Loyalty_Tier__pc`);
 * - `strict`: Case record types (Support, Complaint), a required custom field
 *   (`Product_Line__c`: a save without it is REQUIRED_FIELD_MISSING) and a validation rule with
 *   its own message.
 */
import type { Store } from './store';
import {
  STANDARD_OBJECTS,
  auditFields,
  field,
  readOnly,
  reference,
  systemFields,
  type FieldDef,
  type ObjectDef,
  type RecordTypeDef,
  type ValidationRule,
} from './schema';

export const ORG_PROFILES = ['demo', 'b2c', 'strict'] as const;
export type OrgProfile = (typeof ORG_PROFILES)[number];

export const LOYALTY_TIERS = ['Gold', 'Silver', 'Bronze'] as const;
export const PRODUCT_LINES = ['Broadband', 'Mobile', 'TV', 'General'] as const;

/** The strict org's rule: an admin's message for users, passed on to the agent as it stands. */
export const STRICT_RULE_MESSAGE = 'A complaint needs a description of what went wrong, so that the complaints team can act on it.';

/** What a profile adds to the seed, for tests and demos. */
export interface ProfileFixtures {
  /** b2c: a person account (mobile `+14155550161`, Gold) with two cases, and its contact. */
  personAccount?: { accountId: string; contactId: string; caseIds: string[] };
  /** b2c: a contact whose only number is its WhatsApp field, `+447700900456`. */
  whatsAppOnly?: string;
  /** Record type Ids by developer name (b2c: PersonAccount, Business; strict: Support, Complaint). */
  recordTypes: Record<string, string>;
}

const recordTypeObject: ObjectDef = {
  name: 'RecordType',
  label: 'Record Type',
  labelPlural: 'Record Types',
  keyPrefix: '012',
  searchable: false,
  fields: [
    ...systemFields('Record Type'),
    field('Name', 'string', { length: 80, nillable: false, nameField: true }),
    field('DeveloperName', 'string', { label: 'Record Type Name', length: 80, nillable: false }),
    field('SobjectType', 'picklist', { label: 'SObject Type Name', length: 40, nillable: false, picklist: ['Account', 'Case'] }),
    field('IsPersonType', 'boolean', { label: 'Is Person Type', ...readOnly }),
    field('IsActive', 'boolean', { label: 'Active' }),
    field('Description', 'string', { length: 255 }),
    ...auditFields(),
  ],
  childRelationships: [],
  validationRules: [],
};

const withFields = (o: ObjectDef, extra: FieldDef[], more: Partial<ObjectDef> = {}): ObjectDef => {
  // Before the audit fields, as describe lists custom fields among the others.
  const at = o.fields.findIndex((f) => f.name === 'OwnerId');
  return { ...o, fields: [...o.fields.slice(0, at), ...extra, ...o.fields.slice(at)], ...more };
};

/** The objects of a profile: fresh copies, so that a profile's record type Ids stay its own. */
export function profileObjects(profile: OrgProfile): ObjectDef[] {
  if (profile === 'demo') return [...STANDARD_OBJECTS];
  const byName = (name: string) => STANDARD_OBJECTS.find((o) => o.name === name)!;
  const rest = STANDARD_OBJECTS.filter((o) => o.name !== 'Account' && o.name !== 'Contact' && o.name !== 'Case');
  const recordTypeId = () => reference('RecordTypeId', ['RecordType'], 'RecordType', { label: 'Record Type ID' });
  if (profile === 'b2c') {
    const personTypes: RecordTypeDef[] = [
      { id: '', developerName: 'Business', name: 'Business Account', isDefault: true },
      { id: '', developerName: 'PersonAccount', name: 'Person Account', isPersonType: true },
    ];
    const loyalty = { picklist: LOYALTY_TIERS, restrictedPicklist: true };
    const account = withFields(
      byName('Account'),
      [
        recordTypeId(),
        field('IsPersonAccount', 'boolean', { label: 'Is Person Account', ...readOnly }),
        reference('PersonContactId', ['Contact'], 'PersonContact', { label: 'Person Contact ID', ...readOnly }),
        field('FirstName', 'string', { label: 'First Name', length: 40 }),
        field('LastName', 'string', { label: 'Last Name', length: 80 }),
        field('PersonMobilePhone', 'phone', { label: 'Mobile' }),
        field('PersonHomePhone', 'phone', { label: 'Home Phone' }),
        field('PersonOtherPhone', 'phone', { label: 'Other Phone' }),
        field('PersonEmail', 'email', { label: 'Email' }),
        field('WhatsApp__pc', 'phone', { label: 'WhatsApp', custom: true }),
        field('Loyalty_Tier__pc', 'picklist', { label: 'Loyalty Tier', custom: true, ...loyalty }),
      ],
      { recordTypes: personTypes },
    );
    const contact = withFields(byName('Contact'), [
      field('IsPersonAccount', 'boolean', { label: 'Is Person Account', ...readOnly }),
      field('WhatsApp__c', 'phone', { label: 'WhatsApp' }),
      field('Loyalty_Tier__c', 'picklist', { label: 'Loyalty Tier', ...loyalty }),
    ]);
    return [account, contact, byName('Case'), recordTypeObject, ...rest];
  }
  const caseTypes: RecordTypeDef[] = [
    { id: '', developerName: 'Support', name: 'Support', isDefault: true },
    // Complaints are about what is sold by subscription: its product lines are restricted.
    { id: '', developerName: 'Complaint', name: 'Complaint', picklists: { Product_Line__c: ['Broadband', 'Mobile'] } },
    { id: '', developerName: 'Legacy', name: 'Legacy', active: false },
  ];
  const rule: ValidationRule = {
    name: 'Complaint_Needs_Description',
    errorField: 'Description',
    message: STRICT_RULE_MESSAGE,
    failsWhen: (r) => r.RecordTypeId === caseTypes[1]!.id && (typeof r.Description !== 'string' || r.Description.trim() === ''),
  };
  const caseObject = withFields(
    byName('Case'),
    [
      recordTypeId(),
      field('Product_Line__c', 'picklist', { label: 'Product Line', nillable: false, picklist: PRODUCT_LINES, restrictedPicklist: true }),
      field('Region__c', 'string', { label: 'Region', length: 20, nillable: false }),
    ],
    { recordTypes: caseTypes, validationRules: [...byName('Case').validationRules, rule] },
  );
  return [byName('Account'), byName('Contact'), caseObject, recordTypeObject, ...rest];
}

/** Seeds what the profile adds to the demo org; record type Ids are filled into the objects' definitions. */
export function seedProfile(store: Store, profile: OrgProfile, objects: readonly ObjectDef[]): ProfileFixtures {
  const fixtures: ProfileFixtures = { recordTypes: {} };
  if (profile === 'demo') return fixtures;
  for (const o of objects) {
    for (const t of o.recordTypes ?? []) {
      t.id = store.insert(
        'RecordType',
        { Name: t.name, DeveloperName: t.developerName, SobjectType: o.name, IsPersonType: t.isPersonType === true, IsActive: true },
        { system: true },
      );
      fixtures.recordTypes[t.developerName] = t.id;
    }
  }
  const system = { system: true };
  if (profile === 'b2c') {
    const accountId = store.insert(
      'Account',
      {
        RecordTypeId: fixtures.recordTypes.PersonAccount,
        FirstName: 'Marie',
        LastName: 'Curie',
        PersonMobilePhone: '+14155550161',
        PersonEmail: 'marie.curie@example.com',
        Loyalty_Tier__pc: 'Gold',
      },
      system,
    );
    const contactId = String(store.get(accountId)!.PersonContactId);
    const caseIds = [
      store.insert(
        'Case',
        { Subject: 'Router keeps dropping the connection', Status: 'New', Origin: 'Phone', ContactId: contactId, AccountId: accountId },
        system,
      ),
      store.insert('Case', { Subject: 'Refund for the March bill', Status: 'Working', Origin: 'Web', ContactId: contactId, AccountId: accountId }, system),
    ];
    fixtures.personAccount = { accountId, contactId, caseIds };
    fixtures.whatsAppOnly = store.insert(
      'Contact',
      { FirstName: 'Lise', LastName: 'Meitner', WhatsApp__c: '+447700900456', Loyalty_Tier__c: 'Silver' },
      system,
    );
  }
  return fixtures;
}
