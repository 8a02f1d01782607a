/**
 * The demo org's data: a handful of named fixture records that tests and the README refer to,
 * then a realistic, deterministic crowd from a seeded generator (@faker-js/faker): about 200
 * accounts, 1,000 contacts, 3,000 cases and 2,000 tasks. Every run sees the same org, with the
 * same Ids. Phone numbers are stored in mixed formats, as people type them into Salesforce.
 */
import { Faker, en, base } from '@faker-js/faker';
import type { SfRecord, Store } from './store';
import { sfDateTime } from './store';

/** Seeded records are dated before this instant (2026-10-01T00:00:00Z). */
export const SEED_EPOCH = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;

export const SEED_COUNTS = { accounts: 200, contacts: 1000, cases: 3000, tasks: 2000 } as const;

/** The named fixture records. Their Ids are fixed because they are seeded first. */
export interface SeedFixtures {
  /** The org's own record (Organization): its Id is the org Id logins report. */
  organizationId: string;
  integrationUserId: string;
  accounts: { acme: string; globex: string };
  contacts: {
    /** Mobile `+14155550134`; 4 cases (3 open), 2 follow-ups. */
    ada: string;
    /** Phone stored as `(415) 555-0199`. */
    grace: string;
    /** Alan (Phone `415.555.0177`) and Joan (HomePhone `+1 415 555 0177`) share a number. */
    alan: string;
    joan: string;
    /** Phone stored with an extension: `415-555-0142 ext. 12`. */
    katherine: string;
    /** UK mobile `+44 7700 900123`. */
    tim: string;
    /** German number `+49 30 901820`. */
    emmy: string;
    /** Australian number `+61 2 5550 4321`. */
    ruby: string;
    /** Opted out of email, SMS and calls; mobile `+14155550150`. */
    rosalind: string;
    /** Last name with a quote: O'Brien. */
    obrien: string;
    /** A contact of Globex with no phone; Globex's account phone is `+14155550188`. */
    hank: string;
  };
  cases: { adaOpen1: string; adaOpen2: string; adaOpen3: string; adaClosed: string; graceOpen: string };
  /** adaCall: the inbound call (TaskSubtype Call) on which Ada reported adaOpen1. */
  tasks: { adaSms: string; adaEmail: string; adaCall: string };
  /** A private comment on adaOpen1. */
  comments: { adaOpen1: string };
}

const iso = (ms: number) => sfDateTime(ms);

function insertAt(store: Store, object: string, values: SfRecord, createdMs: number, modifiedMs = createdMs): string {
  return store.insert(object, { ...values, CreatedDate: iso(createdMs), LastModifiedDate: iso(modifiedMs), SystemModstamp: iso(modifiedMs) }, { system: true });
}

function seedFixtures(store: Store, userId: string): SeedFixtures {
  const t = (daysAgo: number) => SEED_EPOCH - daysAgo * DAY;
  const account = (Name: string, Phone: string | null, days: number) =>
    insertAt(store, 'Account', { Name, Phone, Type: 'Customer - Direct', Industry: 'Technology', OwnerId: userId }, t(days));
  const acme = account('Acme Corporation', '+1 415 555 0100', 700);
  const globex = account('Globex', '+14155550188', 650);
  const contact = (values: SfRecord, days: number) => insertAt(store, 'Contact', { OwnerId: userId, ...values }, t(days));
  const contacts = {
    ada: contact(
      { FirstName: 'Ada', LastName: 'Lovelace', AccountId: acme, MobilePhone: '+14155550134', Email: 'ada@example.com', Languages__c: 'English;French' },
      600,
    ),
    grace: contact({ FirstName: 'Grace', LastName: 'Hopper', AccountId: acme, Phone: '(415) 555-0199', Email: 'grace@example.com' }, 590),
    alan: contact({ FirstName: 'Alan', LastName: 'Turing', AccountId: acme, Phone: '415.555.0177', Email: 'alan@example.com' }, 580),
    joan: contact({ FirstName: 'Joan', LastName: 'Clarke', AccountId: acme, HomePhone: '+1 415 555 0177', Email: 'joan@example.com' }, 570),
    katherine: contact({ FirstName: 'Katherine', LastName: 'Johnson', AccountId: acme, Phone: '415-555-0142 ext. 12' }, 560),
    tim: contact(
      {
        FirstName: 'Tim',
        LastName: 'Berners-Lee',
        AccountId: acme,
        MobilePhone: '+44 7700 900123',
        Email: 'tim@example.co.uk',
        MailingCountry: 'United Kingdom',
      },
      550,
    ),
    emmy: contact(
      { FirstName: 'Emmy', LastName: 'Noether', AccountId: acme, Phone: '+49 30 901820', Email: 'emmy@example.de', MailingCountry: 'Germany' },
      540,
    ),
    ruby: contact({ FirstName: 'Ruby', LastName: 'Payne-Scott', AccountId: acme, Phone: '+61 2 5550 4321', MailingCountry: 'Australia' }, 530),
    rosalind: contact(
      {
        FirstName: 'Rosalind',
        LastName: 'Franklin',
        AccountId: acme,
        MobilePhone: '+14155550150',
        Email: 'rosalind@example.com',
        HasOptedOutOfEmail: true,
        DoNotCall: true,
        SMS_Opt_Out__c: true,
      },
      520,
    ),
    obrien: contact({ FirstName: 'Conan', LastName: "O'Brien", AccountId: globex, Email: 'conan@example.com', Phone: '+1 212 555 0111' }, 510),
    hank: contact({ FirstName: 'Hank', LastName: 'Scorpio', AccountId: globex, Email: 'hank@globex.example' }, 500),
  };
  const kase = (values: SfRecord, days: number, closedDays?: number) =>
    insertAt(
      store,
      'Case',
      { OwnerId: userId, Origin: 'Phone', Priority: 'Medium', ...values, ...(closedDays !== undefined ? { ClosedDate: iso(t(closedDays)) } : {}) },
      t(days),
      t(closedDays ?? days),
    );
  const cases = {
    adaClosed: kase({ ContactId: contacts.ada, AccountId: acme, Subject: 'Engine makes a grinding noise', Status: 'Closed', Type: 'Mechanical' }, 90, 80),
    adaOpen1: kase(
      { ContactId: contacts.ada, AccountId: acme, Subject: 'Analytical engine will not start', Status: 'New', Priority: 'High', Type: 'Mechanical' },
      30,
    ),
    adaOpen2: kase({ ContactId: contacts.ada, AccountId: acme, Subject: 'Invoice shows the wrong address', Status: 'Working', Origin: 'Email' }, 20),
    adaOpen3: kase(
      { ContactId: contacts.ada, AccountId: acme, Subject: 'Punch cards arrived damaged', Status: 'Escalated', Priority: 'High', Origin: 'Web' },
      10,
    ),
    graceOpen: kase({ ContactId: contacts.grace, AccountId: acme, Subject: 'Compiler bug report', Status: 'New' }, 15),
  };
  const followUp = (values: SfRecord, days: number) =>
    insertAt(store, 'Task', { OwnerId: userId, Status: 'Completed', Priority: 'Normal', TaskSubtype: 'Task', ...values }, t(days));
  const tasks = {
    adaSms: followUp(
      {
        WhoId: contacts.ada,
        WhatId: cases.adaOpen1,
        Subject: 'SMS: case received',
        Description: 'We received your case about the engine.',
        Follow_Up_Channel__c: 'SMS',
        Follow_Up_To__c: '+14155550134',
        Follow_Up_Status__c: 'DELIVERED',
      },
      29,
    ),
    adaEmail: followUp(
      {
        WhoId: contacts.ada,
        WhatId: cases.adaOpen2,
        Subject: 'Your invoice',
        Description: 'A corrected invoice is attached.',
        Follow_Up_Channel__c: 'EMAIL',
        Follow_Up_To__c: 'ada@example.com',
        Follow_Up_Status__c: 'SENT',
      },
      19,
    ),
    adaCall: followUp(
      {
        WhoId: contacts.ada,
        WhatId: cases.adaOpen1,
        Subject: 'Inbound call',
        Description: 'Ada reported that the analytical engine will not start; a case was opened.',
        Type: 'Call',
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        CallDurationInSeconds: 184,
        CallObject: 'demo-conversation-0001',
        CallDisposition: 'case created',
        Call_Started_At__c: iso(t(30) - 200_000),
        Call_From__c: '+14155550134',
      },
      30,
    ),
  };
  const comments = {
    adaOpen1: insertAt(store, 'CaseComment', { ParentId: cases.adaOpen1, CommentBody: 'Engineer booked for Thursday.', IsPublished: false }, t(28)),
  };
  return { organizationId: '', integrationUserId: userId, accounts: { acme, globex }, contacts, cases, tasks, comments };
}

const US_AREA_CODES = ['212', '305', '312', '404', '503', '512', '602', '617', '646', '702', '718', '720', '773', '818', '917'];

/** A fictional number (555-01xx, Ofcom drama ranges...) in one of the ways people type them. */
function phone(f: Faker): string {
  const style = f.number.int(99);
  if (style < 8) return `+44 7700 900${f.string.numeric(3)}`;
  if (style < 12) return `+49 30 ${f.string.numeric(6)}`;
  if (style < 16) return `+61 2 5550 ${f.string.numeric(4)}`;
  const area = f.helpers.arrayElement(US_AREA_CODES);
  const line = `01${f.string.numeric(2)}`;
  switch (style % 5) {
    case 0:
      return `+1${area}555${line}`;
    case 1:
      return `(${area}) 555-${line}`;
    case 2:
      return `${area}.555.${line}`;
    case 3:
      return `${area}-555-${line} ext. ${f.number.int({ min: 1, max: 99 })}`;
    default:
      return `${area}-555-${line}`;
  }
}

function seedCrowd(store: Store, fixtures: SeedFixtures): void {
  const f = new Faker({ locale: [en, base] });
  f.seed(20261125);
  const userId = fixtures.integrationUserId;
  const pastMs = (maxDays: number, minDays = 0) => SEED_EPOCH - f.number.int({ min: minDays * DAY, max: maxDays * DAY });
  const industries = ['Banking', 'Education', 'Energy', 'Healthcare', 'Hospitality', 'Retail', 'Technology', 'Telecommunications'];

  const accounts: { id: string; created: number }[] = [];
  const fixtureAccounts = Object.keys(fixtures.accounts).length;
  for (let i = fixtureAccounts; i < SEED_COUNTS.accounts; i++) {
    const created = pastMs(730, 400);
    const id = insertAt(
      store,
      'Account',
      {
        Name: f.company.name(),
        Phone: f.datatype.boolean(0.7) ? phone(f) : null,
        Type: f.helpers.arrayElement(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner']),
        Industry: f.helpers.arrayElement(industries),
        Website: f.internet.url(),
        BillingCity: f.location.city(),
        BillingCountry: f.location.country(),
        OwnerId: userId,
      },
      created,
    );
    accounts.push({ id, created });
  }

  const contacts: { id: string; accountId: string; created: number; mobile: string | null; email: string | null }[] = [];
  const fixtureContacts = Object.keys(fixtures.contacts).length;
  let previousPhone = '+12125550100';
  for (let i = fixtureContacts; i < SEED_COUNTS.contacts; i++) {
    const account = f.helpers.arrayElement(accounts);
    const created = pastMs(380, 30);
    const firstName = f.person.firstName();
    const lastName = f.person.lastName();
    // About one contact in 25 shares the previous contact's number (a household, a switchboard).
    const shared = f.datatype.boolean(0.04);
    const main = shared ? previousPhone : phone(f);
    previousPhone = main;
    const optedOut = f.datatype.boolean(0.08);
    const values: SfRecord = {
      FirstName: firstName,
      LastName: lastName,
      AccountId: account.id,
      Email: f.datatype.boolean(0.9) ? f.internet.email({ firstName, lastName }).toLowerCase() : null,
      Phone: f.datatype.boolean(0.6) ? main : null,
      MobilePhone: f.datatype.boolean(0.5) ? phone(f) : null,
      HomePhone: f.datatype.boolean(0.15) ? phone(f) : null,
      OtherPhone: f.datatype.boolean(0.05) ? phone(f) : null,
      Title: f.person.jobTitle().slice(0, 128),
      MailingCity: f.location.city(),
      HasOptedOutOfEmail: optedOut || f.datatype.boolean(0.05),
      DoNotCall: f.datatype.boolean(0.04),
      SMS_Opt_Out__c: optedOut,
      Languages__c: f.helpers.arrayElements(['English', 'Spanish', 'French', 'German'], { min: 1, max: 2 }).join(';'),
      OwnerId: userId,
    };
    if (!values.Phone && !values.MobilePhone) values.Phone = main;
    const id = insertAt(store, 'Contact', values, created, created + f.number.int(20) * DAY);
    contacts.push({ id, accountId: account.id, created, mobile: (values.MobilePhone as string) ?? null, email: (values.Email as string) ?? null });
  }

  const subjects = [
    'Cannot log in to the portal',
    'Billing question about last invoice',
    'Delivery is late',
    'Product arrived damaged',
    'Request for a refund',
    'Change of address',
    'Device keeps restarting',
    'Question about warranty',
    'Upgrade my plan',
    'Cancel my subscription',
  ];
  const statuses = ['New', 'Working', 'Escalated', 'Closed', 'Closed', 'Closed'];
  const caseIds: { id: string; contact: (typeof contacts)[number]; created: number }[] = [];
  const fixtureCases = Object.keys(fixtures.cases).length;
  for (let i = fixtureCases; i < SEED_COUNTS.cases; i++) {
    const contact = f.helpers.arrayElement(contacts);
    const created = pastMs(360, 1);
    const status = f.helpers.arrayElement(statuses);
    const closed = status === 'Closed';
    const closedAt = closed ? Math.min(SEED_EPOCH, created + f.number.int({ min: 1, max: 30 }) * DAY) : undefined;
    const id = insertAt(
      store,
      'Case',
      {
        ContactId: contact.id,
        AccountId: contact.accountId,
        Subject: f.helpers.arrayElement(subjects),
        Description: f.lorem.sentences({ min: 1, max: 3 }),
        Status: status,
        Priority: status === 'Escalated' ? 'High' : f.helpers.arrayElement(['High', 'Medium', 'Medium', 'Low']),
        Origin: f.helpers.arrayElement(['Phone', 'Phone', 'Email', 'Web']),
        Type: f.helpers.arrayElement(['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
        Reason: f.helpers.arrayElement(['Installation', 'Performance', 'Breakdown', 'Feedback', 'Other']),
        ...(closedAt !== undefined ? { ClosedDate: iso(closedAt) } : {}),
        OwnerId: userId,
      },
      created,
      closedAt ?? created,
    );
    caseIds.push({ id, contact, created });
  }

  const fixtureTasks = Object.keys(fixtures.tasks).length;
  for (let i = fixtureTasks; i < SEED_COUNTS.tasks; i++) {
    const kase = f.helpers.arrayElement(caseIds);
    const created = Math.min(SEED_EPOCH - DAY, kase.created + f.number.int({ min: 0, max: 10 }) * DAY);
    const channel = f.helpers.arrayElement(['SMS', 'EMAIL', null, null]);
    const to = channel === 'SMS' ? kase.contact.mobile : channel === 'EMAIL' ? kase.contact.email : null;
    const isFollowUp = channel !== null && to !== null;
    insertAt(
      store,
      'Task',
      {
        WhoId: kase.contact.id,
        WhatId: f.datatype.boolean(0.85) ? kase.id : null,
        Subject: isFollowUp
          ? channel === 'SMS'
            ? 'SMS: update on your case'
            : 'Update on your case'
          : f.helpers.arrayElement(['Call', 'Send Letter', 'Other']),
        Description: f.lorem.sentence(),
        Status: f.helpers.arrayElement(['Completed', 'Completed', 'Not Started', 'In Progress']),
        Priority: f.helpers.arrayElement(['High', 'Normal', 'Normal', 'Low']),
        TaskSubtype: isFollowUp && channel === 'EMAIL' ? 'Email' : 'Task',
        ...(isFollowUp
          ? {
              Follow_Up_Channel__c: channel,
              Follow_Up_To__c: channel === 'SMS' ? toE164ish(to) : to,
              Follow_Up_Status__c: f.helpers.arrayElement(['SENT', 'DELIVERED', 'DELIVERED', 'FAILED']),
            }
          : {}),
        OwnerId: userId,
      },
      created,
    );
  }
}

/** Seeded SMS follow-ups record the number they went to in E.164, as the gateway would. */
function toE164ish(stored: string | null): string | null {
  if (!stored) return null;
  const digits = stored.split(/\s*ext\.?\s*/i)[0]!.replace(/\D/g, '');
  return stored.trim().startsWith('+') ? `+${digits}` : `+1${digits.slice(-10)}`;
}

const USER_DEFAULTS = { IsActive: true, UserType: 'Standard', TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', LanguageLocaleKey: 'en_US' };

/** Fills an empty store with the demo org. */
export function seedOrg(store: Store): SeedFixtures {
  const organizationId = store.insert(
    'Organization',
    {
      Name: 'Demo Org (Salesforce emulator)',
      Country: 'US',
      InstanceName: 'EMU1',
      IsSandbox: false,
      OrganizationType: 'Developer Edition',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
      DefaultLocaleSidKey: 'en_US',
    },
    { system: true },
  );
  const userId = store.insert(
    'User',
    { Username: 'integration@demo.example', FirstName: 'Integration', LastName: 'User', Alias: 'integ', Email: 'integration@demo.example', ...USER_DEFAULTS },
    { system: true },
  );
  store.userId = userId;
  store.insert(
    'User',
    { Username: 'agent@demo.example', FirstName: 'Support', LastName: 'Agent', Alias: 'agent', Email: 'agent@demo.example', ...USER_DEFAULTS },
    { system: true },
  );
  const fixtures = { ...seedFixtures(store, userId), organizationId };
  seedCrowd(store, fixtures);
  seedOpportunities(store, fixtures);
  return fixtures;
}

/**
 * Opportunities of the accounts, from a generator of their own (so that the rest of the crowd
 * stays as it was): a few per fixture account, and one or two for some crowd accounts.
 */
function seedOpportunities(store: Store, fixtures: SeedFixtures): void {
  const f = new Faker({ locale: [en, base] });
  f.seed(20261201);
  const accounts = [...store.rows('Account')].map((a) => String(a.Id));
  const stages = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
  const opportunity = (accountId: string, name: string, stage: string, amount: number, closeInDays: number) =>
    insertAt(
      store,
      'Opportunity',
      {
        AccountId: accountId,
        Name: name,
        StageName: stage,
        Amount: amount,
        CloseDate: sfDateTime(SEED_EPOCH + closeInDays * DAY).slice(0, 10),
        OwnerId: fixtures.integrationUserId,
      },
      SEED_EPOCH - 40 * DAY,
    );
  opportunity(fixtures.accounts.acme, 'Acme - Analytical Engine upgrade', 'Negotiation/Review', 250_000, 30);
  opportunity(fixtures.accounts.acme, 'Acme - Support renewal', 'Closed Won', 48_000, -10);
  opportunity(fixtures.accounts.globex, 'Globex - New customer', 'Prospecting', 90_000, 60);
  for (const accountId of accounts.slice(2)) {
    if (!f.datatype.boolean(0.25)) continue;
    opportunity(
      accountId,
      `${f.company.catchPhrase()}`.slice(0, 120),
      f.helpers.arrayElement(stages),
      f.number.int({ min: 5, max: 500 }) * 1_000,
      f.number.int({ min: -90, max: 180 }),
    );
  }
}

/** Rows of BigTable__c for jsforce's query and paging tests (more than one 2,000-row batch). */
export const BIG_TABLE_ROWS = 5_000;

export function seedJsforceTestObjects(store: Store): void {
  for (let i = 0; i < BIG_TABLE_ROWS; i++)
    insertAt(store, 'BigTable__c', { Name: `Big Record #${String(i + 1).padStart(5, '0')}` }, SEED_EPOCH - (BIG_TABLE_ROWS - i) * 60_000);
}
