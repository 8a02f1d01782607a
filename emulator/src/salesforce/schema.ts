/**
 * The emulated org's objects, fields, picklists and validation rules. Describe is generated from
 * this, and the store, SOQL, SOSL and DML validation all read it.
 *
 * Standard fields, picklist values and child relationship names follow the describe fixtures
 * captured from real orgs (their shapes are in test/fixtures/describe-shapes.json, and
 * test/sobjects.test.ts holds describe to them). The gateway's own
 * custom fields must match the metadata in schema/salesforce/ (a test compares them).
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'boolean'
  | 'reference'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'url'
  | 'datetime'
  | 'date'
  | 'int'
  | 'double';

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Filled in by the org on create (auto-numbers, audit fields, picklist defaults, checkboxes). */
  defaultedOnCreate: boolean;
  defaultValue: string | boolean | null;
  picklistValues: { value: string; label: string; defaultValue: boolean }[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  custom: boolean;
  filterable: boolean;
  sortable: boolean;
  nameField: boolean;
  autoNumber: boolean;
  calculated: boolean;
  idLookup: boolean;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
  cascadeDelete: boolean;
}

/** A validation rule as an admin would write it: a condition that, when true, refuses the save. */
export interface ValidationRule {
  name: string;
  errorField: string | null;
  message: string;
  /** `prior` is the record before an update (PRIORVALUE); undefined on insert. */
  failsWhen: (record: Readonly<Record<string, unknown>>, prior?: Readonly<Record<string, unknown>>) => boolean;
}

/** A record type of an object (RecordType rows carry the same Ids). */
export interface RecordTypeDef {
  id: string;
  developerName: string;
  name: string;
  /** The person account record type (Account only). */
  isPersonType?: boolean;
  /** The default for new records of the integration user's profile. */
  isDefault?: boolean;
  /** An inactive record type cannot be given to new records. @default true */
  active?: boolean;
  /** Picklist values this record type allows, by field (all of the field's values where not listed). */
  picklists?: Record<string, readonly string[]>;
}

export interface ObjectDef {
  name: string;
  /** Record types beyond Master (describe's recordTypeInfos); none in the demo org. */
  recordTypes?: RecordTypeDef[];
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  childRelationships: ChildRelationship[];
  validationRules: ValidationRule[];
  searchable: boolean;
}

type FieldOptions = Partial<Omit<FieldDef, 'picklistValues'>> & {
  picklist?: readonly string[];
  defaultPick?: string;
};

const LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  phone: 40,
  email: 80,
  picklist: 255,
  multipicklist: 4099,
  url: 255,
  textarea: 255,
  string: 255,
  combobox: 255,
};

export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const { picklist, defaultPick, ...rest } = options;
  const isBoolean = type === 'boolean';
  const longText = type === 'textarea' && (rest.length ?? 255) > 255;
  return {
    name,
    type,
    label: name
      .replace(/__c$/, '')
      .replace(/_/g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2'),
    length: LENGTH[type] ?? 0,
    nillable: !isBoolean,
    createable: true,
    updateable: true,
    defaultedOnCreate: isBoolean || defaultPick !== undefined,
    defaultValue: isBoolean ? false : (defaultPick ?? null),
    picklistValues: (picklist ?? []).map((value) => ({ value, label: value, defaultValue: value === defaultPick })),
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    externalId: false,
    unique: false,
    caseSensitive: false,
    custom: name.endsWith('__c'),
    // Long text areas cannot be filtered or sorted on (Case.Description is filterable:false in describe).
    filterable: !longText,
    sortable: !longText,
    nameField: false,
    autoNumber: false,
    calculated: false,
    idLookup: false,
    ...rest,
  };
}

export const readOnly = { createable: false, updateable: false } as const;

export function reference(name: string, referenceTo: string[], relationshipName: string, options: FieldOptions = {}) {
  return field(name, 'reference', { referenceTo, relationshipName, ...options });
}

export function systemFields(label: string): FieldDef[] {
  return [
    field('Id', 'id', { label: `${label} ID`, nillable: false, ...readOnly, defaultedOnCreate: true, idLookup: true }),
    field('IsDeleted', 'boolean', { label: 'Deleted', ...readOnly }),
  ];
}

export function auditFields(): FieldDef[] {
  const audit = { nillable: false, ...readOnly, defaultedOnCreate: true } as const;
  return [
    reference('OwnerId', ['User'], 'Owner', { nillable: false, defaultedOnCreate: true, label: 'Owner ID' }),
    field('CreatedDate', 'datetime', { label: 'Created Date', ...audit }),
    reference('CreatedById', ['User'], 'CreatedBy', { label: 'Created By ID', ...audit }),
    field('LastModifiedDate', 'datetime', { label: 'Last Modified Date', ...audit }),
    reference('LastModifiedById', ['User'], 'LastModifiedBy', { label: 'Last Modified By ID', ...audit }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp', ...audit }),
  ];
}

/**
 * The gateway's idempotency fields (schema/salesforce/.../Gateway_Request_*.field-meta.xml): the
 * unique key, and a fingerprint of the input that wrote the record.
 */
function gatewayRequestFields(): FieldDef[] {
  return [
    field('Gateway_Request_Key__c', 'string', {
      label: 'Gateway Request Key',
      length: 255,
      externalId: true,
      unique: true,
      caseSensitive: true,
      idLookup: true,
    }),
    field('Gateway_Request_Fingerprint__c', 'string', { label: 'Gateway Request Fingerprint', length: 64 }),
  ];
}

export const CASE_STATUSES = ['New', 'Working', 'Escalated', 'Closed'] as const;
/** Statuses whose CaseStatus row has IsClosed = true (sforce_api_objects_casestatus.htm). */
export const CLOSED_CASE_STATUSES: ReadonlySet<string> = new Set(['closed']);
export const CLOSED_TASK_STATUSES: ReadonlySet<string> = new Set(['completed']);

const account: ObjectDef = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: '001',
  searchable: true,
  fields: [
    ...systemFields('Account'),
    field('Name', 'string', { label: 'Account Name', nillable: false, nameField: true }),
    field('Type', 'picklist', {
      label: 'Account Type',
      length: 255,
      picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'],
    }),
    field('Phone', 'phone', { label: 'Account Phone' }),
    field('Website', 'url'),
    field('Industry', 'picklist', {
      picklist: ['Banking', 'Education', 'Energy', 'Healthcare', 'Hospitality', 'Retail', 'Technology', 'Telecommunications'],
    }),
    field('BillingCity', 'string', { length: 40, label: 'Billing City' }),
    field('BillingState', 'string', { length: 80, label: 'Billing State/Province' }),
    field('BillingCountry', 'string', { length: 80, label: 'Billing Country' }),
    field('NumberOfEmployees', 'int', { label: 'Employees' }),
    field('AnnualRevenue', 'double', { label: 'Annual Revenue' }),
    field('LastActivityDate', 'date', { label: 'Last Activity', ...readOnly }),
    field('Description', 'textarea', { label: 'Account Description', length: 32000 }),
    ...auditFields(),
  ],
  childRelationships: [
    { childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts', cascadeDelete: false },
    { childSObject: 'Case', field: 'AccountId', relationshipName: 'Cases', cascadeDelete: false },
    { childSObject: 'Opportunity', field: 'AccountId', relationshipName: 'Opportunities', cascadeDelete: true },
    { childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks', cascadeDelete: true },
  ],
  validationRules: [],
};

export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
] as const;

/** A standard org's Opportunity, as a client is likely to touch it. */
const opportunity: ObjectDef = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: '006',
  searchable: true,
  fields: [
    ...systemFields('Opportunity'),
    reference('AccountId', ['Account'], 'Account', { label: 'Account ID' }),
    field('Name', 'string', { length: 120, nillable: false, nameField: true }),
    field('Description', 'textarea', { length: 32000 }),
    field('StageName', 'picklist', { label: 'Stage', length: 255, nillable: false, picklist: OPPORTUNITY_STAGES }),
    field('Amount', 'double'),
    field('Probability', 'double', { label: 'Probability (%)' }),
    field('CloseDate', 'date', { label: 'Close Date', nillable: false }),
    field('Type', 'picklist', {
      label: 'Opportunity Type',
      length: 255,
      picklist: ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'],
    }),
    field('LeadSource', 'picklist', { label: 'Lead Source', length: 255, picklist: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }),
    field('NextStep', 'string', { label: 'Next Step', length: 255 }),
    field('IsClosed', 'boolean', { label: 'Closed', ...readOnly, defaultedOnCreate: true }),
    field('IsWon', 'boolean', { label: 'Won', ...readOnly, defaultedOnCreate: true }),
    ...auditFields(),
  ],
  childRelationships: [{ childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks', cascadeDelete: true }],
  validationRules: [],
};

/** The org itself: one read-only record, which every Salesforce CLI command reads. */
const organization: ObjectDef = {
  name: 'Organization',
  label: 'Organization',
  labelPlural: 'Organizations',
  keyPrefix: '00D',
  searchable: false,
  fields: [
    field('Id', 'id', { label: 'Organization ID', nillable: false, ...readOnly, defaultedOnCreate: true, idLookup: true }),
    field('Name', 'string', { length: 80, nillable: false, nameField: true, ...readOnly }),
    field('Division', 'string', { length: 80, ...readOnly }),
    field('Country', 'string', { length: 80, ...readOnly }),
    field('InstanceName', 'string', { label: 'Instance Name', length: 5, ...readOnly }),
    field('IsSandbox', 'boolean', { label: 'Is Sandbox', ...readOnly }),
    field('TrialExpirationDate', 'datetime', { label: 'Trial Expiration Date', ...readOnly }),
    field('OrganizationType', 'picklist', {
      label: 'Edition',
      length: 40,
      picklist: ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition', 'Professional Edition'],
      ...readOnly,
    }),
    field('NamespacePrefix', 'string', { label: 'Namespace Prefix', length: 15, ...readOnly }),
    field('LanguageLocaleKey', 'picklist', { label: 'Language', length: 40, picklist: ['en_US'], ...readOnly }),
    field('TimeZoneSidKey', 'picklist', { label: 'Time Zone', length: 40, picklist: ['America/Los_Angeles'], ...readOnly }),
    field('DefaultLocaleSidKey', 'picklist', { label: 'Locale', length: 40, picklist: ['en_US'], ...readOnly }),
    field('CreatedDate', 'datetime', { label: 'Created Date', nillable: false, ...readOnly, defaultedOnCreate: true }),
    field('LastModifiedDate', 'datetime', { label: 'Last Modified Date', nillable: false, ...readOnly, defaultedOnCreate: true }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp', nillable: false, ...readOnly, defaultedOnCreate: true }),
  ],
  childRelationships: [],
  validationRules: [],
};

const contact: ObjectDef = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: '003',
  searchable: true,
  fields: [
    ...systemFields('Contact'),
    reference('AccountId', ['Account'], 'Account', { label: 'Account ID' }),
    field('LastName', 'string', { label: 'Last Name', length: 80, nillable: false }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    field('Salutation', 'picklist', { length: 40, picklist: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
    field('Name', 'string', { label: 'Full Name', length: 121, nillable: false, nameField: true, ...readOnly }),
    field('MailingCity', 'string', { length: 40, label: 'Mailing City' }),
    field('MailingCountry', 'string', { length: 80, label: 'Mailing Country' }),
    field('Phone', 'phone', { label: 'Business Phone' }),
    field('MobilePhone', 'phone', { label: 'Mobile Phone' }),
    field('HomePhone', 'phone', { label: 'Home Phone' }),
    field('OtherPhone', 'phone', { label: 'Other Phone' }),
    field('Email', 'email', { idLookup: true }),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
    field('Description', 'textarea', { label: 'Contact Description', length: 32000 }),
    field('HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }),
    field('DoNotCall', 'boolean', { label: 'Do Not Call' }),
    // Demo-org fields: an SMS opt-out checkbox (the gateway's default SMS consent field) and a
    // multi-select picklist. An org without them is configured through the gateway's settings.
    field('SMS_Opt_Out__c', 'boolean', { label: 'SMS Opt Out' }),
    // An opt-in checkbox, for orgs whose policy is to text only customers who said yes.
    field('SMS_Opt_In__c', 'boolean', { label: 'SMS Opt In' }),
    field('Languages__c', 'multipicklist', { label: 'Languages', picklist: ['English', 'Spanish', 'French', 'German'] }),
    ...auditFields(),
  ],
  childRelationships: [
    { childSObject: 'Case', field: 'ContactId', relationshipName: 'Cases', cascadeDelete: false },
    { childSObject: 'Task', field: 'WhoId', relationshipName: 'Tasks', cascadeDelete: true },
  ],
  validationRules: [],
};

const caseObject: ObjectDef = {
  name: 'Case',
  label: 'Case',
  labelPlural: 'Cases',
  keyPrefix: '500',
  searchable: true,
  fields: [
    ...systemFields('Case'),
    field('CaseNumber', 'string', {
      label: 'Case Number',
      length: 30,
      nillable: false,
      ...readOnly,
      defaultedOnCreate: true,
      autoNumber: true,
      nameField: true,
      idLookup: true,
    }),
    reference('ContactId', ['Contact'], 'Contact', { label: 'Contact ID' }),
    reference('AccountId', ['Account'], 'Account', { label: 'Account ID' }),
    reference('ParentId', ['Case'], 'Parent', { label: 'Parent Case ID' }),
    field('SuppliedName', 'string', { label: 'Name', length: 80 }),
    field('SuppliedEmail', 'email', { label: 'Email Address' }),
    field('SuppliedPhone', 'string', { label: 'Phone', length: 40 }),
    field('SuppliedCompany', 'string', { label: 'Company', length: 80 }),
    field('Type', 'picklist', { label: 'Case Type', length: 40, picklist: ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'] }),
    field('Status', 'picklist', { length: 40, picklist: CASE_STATUSES, defaultPick: 'New' }),
    field('Reason', 'picklist', {
      label: 'Case Reason',
      length: 40,
      picklist: ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other'],
    }),
    field('Origin', 'picklist', { label: 'Case Origin', length: 40, picklist: ['Phone', 'Email', 'Web'] }),
    field('Subject', 'string', { length: 255 }),
    field('Priority', 'picklist', { length: 40, picklist: ['High', 'Medium', 'Low'], defaultPick: 'Medium' }),
    field('Description', 'textarea', { length: 32000 }),
    field('IsClosed', 'boolean', { label: 'Closed', ...readOnly, defaultedOnCreate: true }),
    field('ClosedDate', 'datetime', { label: 'Closed Date', ...readOnly }),
    field('IsEscalated', 'boolean', { label: 'Escalated' }),
    ...gatewayRequestFields(),
    ...auditFields(),
  ],
  childRelationships: [
    { childSObject: 'Case', field: 'ParentId', relationshipName: 'Cases', cascadeDelete: false },
    { childSObject: 'CaseComment', field: 'ParentId', relationshipName: 'CaseComments', cascadeDelete: true },
    { childSObject: 'Task', field: 'WhatId', relationshipName: 'Tasks', cascadeDelete: true },
  ],
  validationRules: [
    {
      // A demo-org validation rule, so that FIELD_CUSTOM_VALIDATION_EXCEPTION can be exercised.
      name: 'Escalated_Needs_High_Priority',
      errorField: 'Priority',
      message: 'Escalated cases must have High priority.',
      failsWhen: (r) => r.Status === 'Escalated' && r.Priority !== 'High',
    },
  ],
};

const task: ObjectDef = {
  name: 'Task',
  label: 'Task',
  labelPlural: 'Tasks',
  keyPrefix: '00T',
  searchable: true,
  fields: [
    field('Id', 'id', { label: 'Activity ID', nillable: false, ...readOnly, defaultedOnCreate: true, idLookup: true }),
    reference('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID' }),
    reference('WhatId', ['Account', 'Case', 'Opportunity'], 'What', { label: 'Related To ID' }),
    field('Subject', 'combobox', { length: 255, nameField: true, picklist: ['Call', 'Send Letter', 'Send Quote', 'Other'] }),
    field('ActivityDate', 'date', { label: 'Due Date Only' }),
    field('Status', 'picklist', {
      length: 40,
      nillable: false,
      picklist: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
      defaultPick: 'Not Started',
    }),
    field('Priority', 'picklist', { length: 40, nillable: false, picklist: ['High', 'Normal', 'Low'], defaultPick: 'Normal' }),
    field('Description', 'textarea', { length: 32000 }),
    field('IsDeleted', 'boolean', { label: 'Deleted', ...readOnly }),
    reference('AccountId', ['Account'], 'Account', { label: 'Account ID', ...readOnly }),
    field('IsClosed', 'boolean', { label: 'Closed', ...readOnly, defaultedOnCreate: true }),
    field('TaskSubtype', 'picklist', {
      label: 'Task Subtype',
      length: 40,
      picklist: ['Task', 'Email', 'Call'],
      restrictedPicklist: true,
      updateable: false,
    }),
    // The call fields of an activity logged by a telephony integration (TaskSubtype Call).
    field('Type', 'picklist', { length: 40, picklist: ['Call', 'Email', 'Meeting', 'Other'] }),
    field('CallType', 'picklist', { label: 'Call Type', length: 40, picklist: ['Internal', 'Inbound', 'Outbound'], restrictedPicklist: true }),
    field('CallDurationInSeconds', 'int', { label: 'Call Duration' }),
    field('CallObject', 'string', { label: 'Call Object Identifier', length: 255 }),
    field('CallDisposition', 'string', { label: 'Call Result', length: 255 }),
    field('CompletedDateTime', 'datetime', { label: 'Completed Date/Time', ...readOnly }),
    ...gatewayRequestFields(),
    // The gateway's call fields (schema/salesforce): when the call started, and the other party.
    field('Call_Started_At__c', 'datetime', { label: 'Call Started At' }),
    field('Call_From__c', 'phone', { label: 'Call From' }),
    field('Follow_Up_Channel__c', 'picklist', {
      label: 'Follow-up Channel',
      picklist: ['SMS', 'EMAIL'],
      restrictedPicklist: true,
    }),
    field('Follow_Up_To__c', 'string', { label: 'Follow-up To', length: 255 }),
    field('Follow_Up_Status__c', 'picklist', {
      label: 'Follow-up Status',
      picklist: ['PENDING', 'SENT', 'DELIVERED', 'FAILED'],
      restrictedPicklist: true,
    }),
    ...auditFields(),
  ],
  childRelationships: [],
  validationRules: [
    {
      // The gateway's forward-only rule (schema/salesforce, Follow_Up_Status_Forward_Only): a
      // follow-up's status moves PENDING → SENT → DELIVERED | FAILED and never back, so a
      // delivery report that arrives first is not overwritten by the sender's older SENT.
      name: 'Follow_Up_Status_Forward_Only',
      errorField: 'Follow_Up_Status__c',
      message: 'A follow-up status only moves forward: PENDING, then SENT, then DELIVERED or FAILED.',
      failsWhen: (r, prior) => {
        if (!prior || prior.Follow_Up_Status__c === r.Follow_Up_Status__c) return false;
        const rank = (v: unknown) => ({ PENDING: 0, SENT: 1, DELIVERED: 2, FAILED: 2 })[String(v)] ?? -1;
        return rank(prior.Follow_Up_Status__c) >= rank(r.Follow_Up_Status__c);
      },
    },
  ],
};

/** A comment on a case. It has no owner: its creator is its author (reference: CaseComment). */
const caseComment: ObjectDef = {
  name: 'CaseComment',
  label: 'Case Comment',
  labelPlural: 'Case Comments',
  keyPrefix: '00a',
  searchable: false,
  fields: [
    ...systemFields('Case Comment'),
    reference('ParentId', ['Case'], 'Parent', { label: 'Parent Case ID', nillable: false, updateable: false }),
    field('IsPublished', 'boolean', { label: 'Public' }),
    field('CommentBody', 'textarea', { label: 'Body', length: 4000 }),
    ...auditFields().filter((f) => f.name !== 'OwnerId'),
  ],
  childRelationships: [],
  validationRules: [],
};

const user: ObjectDef = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: '005',
  searchable: true,
  fields: [
    field('Id', 'id', { label: 'User ID', nillable: false, ...readOnly, defaultedOnCreate: true, idLookup: true }),
    field('Username', 'string', { length: 80, nillable: false, unique: true, idLookup: true }),
    field('LastName', 'string', { label: 'Last Name', length: 80, nillable: false }),
    field('FirstName', 'string', { label: 'First Name', length: 40 }),
    field('Name', 'string', { label: 'Full Name', length: 121, nillable: false, nameField: true, ...readOnly }),
    field('Email', 'email', { nillable: false }),
    field('Alias', 'string', { length: 8 }),
    field('IsActive', 'boolean', { label: 'Active' }),
    field('UserType', 'picklist', { label: 'User Type', length: 40, picklist: ['Standard', 'AutomatedProcess'], ...readOnly }),
    field('TimeZoneSidKey', 'picklist', { label: 'Time Zone', length: 40, picklist: ['America/Los_Angeles'] }),
    field('LocaleSidKey', 'picklist', { label: 'Locale', length: 40, picklist: ['en_US'] }),
    field('LanguageLocaleKey', 'picklist', { label: 'Language', length: 40, picklist: ['en_US'] }),
    field('CreatedDate', 'datetime', { label: 'Created Date', nillable: false, ...readOnly, defaultedOnCreate: true }),
    field('LastModifiedDate', 'datetime', { label: 'Last Modified Date', nillable: false, ...readOnly, defaultedOnCreate: true }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp', nillable: false, ...readOnly, defaultedOnCreate: true }),
  ],
  childRelationships: [],
  validationRules: [],
};

/**
 * jsforce's own test package (`UpsertTable__c` with its external ID `ExtId__c`, and
 * `BigTable__c`), loaded only with `jsforceTestObjects`, so that jsforce's tests can run here.
 */
export const JSFORCE_TEST_OBJECTS: readonly ObjectDef[] = [
  {
    name: 'UpsertTable__c',
    label: 'Upsert Table',
    labelPlural: 'Upsert Tables',
    keyPrefix: 'a00',
    searchable: true,
    fields: [
      ...systemFields('Upsert Table'),
      field('Name', 'string', { length: 80, nameField: true }),
      // An external ID that is not unique: jsforce's tests create a duplicate and expect a 300 on upsert.
      field('ExtId__c', 'string', { label: 'Ext Id', length: 255, externalId: true, idLookup: true }),
      ...auditFields(),
    ],
    childRelationships: [],
    validationRules: [],
  },
  {
    name: 'BigTable__c',
    label: 'Big Table',
    labelPlural: 'Big Tables',
    keyPrefix: 'a01',
    searchable: true,
    fields: [...systemFields('Big Table'), field('Name', 'string', { length: 80, nameField: true }), ...auditFields()],
    childRelationships: [],
    validationRules: [],
  },
];

export interface OrgSchema {
  objects: readonly ObjectDef[];
  /** Case-insensitive object lookup by API name. */
  object(name: string): ObjectDef | undefined;
  objectByPrefix(id: string): ObjectDef | undefined;
  field(object: ObjectDef, name: string): FieldDef | undefined;
  /** The reference field whose relationshipName is `name` (case-insensitive). */
  relationship(object: ObjectDef, name: string): FieldDef | undefined;
  child(object: ObjectDef, relationshipName: string): ChildRelationship | undefined;
}

export const STANDARD_OBJECTS: readonly ObjectDef[] = [account, contact, caseObject, caseComment, opportunity, organization, task, user];

export function createOrgSchema(objects: readonly ObjectDef[] = STANDARD_OBJECTS): OrgSchema {
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const byPrefix = new Map(objects.map((o) => [o.keyPrefix, o]));
  const fields = new Map(objects.map((o) => [o, new Map(o.fields.map((f) => [f.name.toLowerCase(), f]))]));
  const relationships = new Map(
    objects.map((o) => [o, new Map(o.fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f]))]),
  );
  return {
    objects,
    object: (name) => byName.get(name.toLowerCase()),
    objectByPrefix: (id) => byPrefix.get(id.slice(0, 3)),
    field: (object, name) => fields.get(object)?.get(name.toLowerCase()),
    relationship: (object, name) => relationships.get(object)?.get(name.toLowerCase()),
    child: (object, name) => object.childRelationships.find((c) => c.relationshipName.toLowerCase() === name.toLowerCase()),
  };
}

const SOAP_TYPE: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  date: 'xsd:date',
  int: 'xsd:int',
  double: 'xsd:double',
  string: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  url: 'xsd:string',
};

/** A field entry with every key a real describe returns (key set of the Case describe fixture). */
export function describeField(f: FieldDef): Record<string, unknown> {
  const text = !['boolean', 'datetime', 'date', 'int', 'double'].includes(f.type);
  return {
    aggregatable: f.type !== 'textarea' || f.length <= 255,
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: text ? f.length * 3 : 0,
    calculated: f.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.defaultValue,
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.type === 'int' ? 9 : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: f.name === 'Name' && f.createable === false ? 'personname' : null,
    filterable: f.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: f.filterable && f.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: text ? f.length : 0,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: f.referenceTo.length > 1,
    nillable: f.nillable,
    permissionable: f.nillable && !f.nameField,
    picklistValues: f.picklistValues.map((p) => ({
      active: true,
      defaultValue: p.defaultValue,
      label: p.label,
      validFor: null,
      value: p.value,
    })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: 0,
    searchPrefilterable: f.type === 'reference',
    soapType: SOAP_TYPE[f.type],
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

function objectUrls(o: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${o.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** One entry of `GET /sobjects` (key set of the global describe fixture). */
export function describeGlobalEntry(o: ObjectDef, version: string): Record<string, unknown> {
  const writable = o.name !== 'User';
  return {
    activateable: false,
    createable: writable,
    // A custom object is custom in the global and the per-object describe.
    custom: o.name.endsWith('__c'),
    customSetting: false,
    deepCloneable: false,
    deletable: writable,
    deprecatedAndHidden: false,
    feedEnabled: true,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: true,
    mergeable: o.name === 'Account' || o.name === 'Contact',
    mruEnabled: true,
    name: o.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: o.searchable,
    triggerable: true,
    undeletable: writable,
    updateable: writable,
    urls: objectUrls(o, version),
  };
}

/** `GET /sobjects/{Type}/describe` (key set of the v53 Account describe fixture, the newest one). */
export function describeObject(o: ObjectDef, version: string): Record<string, unknown> {
  const { feedEnabled: _f, hasSubtypes, isInterface, isSubtype, mergeable, ...global } = describeGlobalEntry(o, version);
  return {
    actionOverrides: [],
    activateable: global.activateable,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: o.childRelationships.map((c) => ({
      cascadeDelete: c.cascadeDelete,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    createable: global.createable,
    custom: o.name.endsWith('__c'),
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: global.deletable,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: true,
    fields: o.fields.map(describeField),
    hasSubtypes,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface,
    isSubtype,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: true,
    listviewable: null,
    lookupLayoutable: null,
    mergeable,
    mruEnabled: true,
    name: o.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: true,
    recordTypeInfos: [
      ...(o.recordTypes ?? []).map((t) => ({
        active: t.active !== false,
        available: true,
        defaultRecordTypeMapping: t.isDefault === true,
        developerName: t.developerName,
        master: false,
        name: t.name,
        recordTypeId: t.id,
        urls: { layout: `/services/data/v${version}/sobjects/${o.name}/describe/layouts/${t.id}` },
      })),
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: !(o.recordTypes ?? []).some((t) => t.isDefault),
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${version}/sobjects/${o.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    replicateable: true,
    retrieveable: true,
    searchLayoutable: true,
    searchable: o.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: 'All records', name: 'everything' },
      { label: 'My records', name: 'mine' },
    ],
    triggerable: true,
    undeletable: global.undeletable,
    updateable: global.updateable,
    urls: global.urls,
  };
}
