/** Customer (a Contact), its consent, the phone lookup, and the root fields that return them. */
import { callerIdentified } from '../domain/activity';
import { consentOf, type Consent } from '../domain/consent';
import { badInput } from '../domain/errors';
import type { CustomerRecord } from '../domain/records';
import type { PhoneMatch } from '../salesforce/contacts';
import { customerById, lookUpCaller, searchCustomers, type PhoneLookup } from '../services/reads';
import { customerShape } from './context-shape';
import { AccountRef } from './account';
import { builder } from './builder';
import { costs } from './cost';
import { parseIdArg } from './ids';
import { NodeRef } from './node';
import { connectionRef, edgeFields, type Edge, offsetConnection, offsetPage, parseFirst } from './pagination';

export const CustomerRef = builder.objectRef<CustomerRecord>('Customer');

export const ConsentStatusRef = builder.enumType('ConsentStatus', {
  values: {
    OPTED_IN: { description: 'The customer agreed to be contacted on this channel.' },
    OPTED_OUT: { description: 'The customer asked not to be contacted on this channel.' },
    UNKNOWN: { description: 'Salesforce records neither; ask before using the channel.' },
  } as const,
});

const ConsentRef = builder.objectRef<Consent>('Consent').implement({
  fields: (t) => ({
    email: t.expose('email', { type: ConsentStatusRef, nullable: false, description: 'OPTED_OUT when HasOptedOutOfEmail is set.' }),
    sms: t.expose('sms', { type: ConsentStatusRef, nullable: false, description: "OPTED_OUT when the org's SMS opt-out field (or DoNotCall) is set." }),
    call: t.expose('call', { type: ConsentStatusRef, nullable: false, description: 'OPTED_OUT when DoNotCall is set.' }),
  }),
});

CustomerRef.implement({
  description: 'A person the business serves: a Salesforce Contact, with its Account.',
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    salesforceId: t.exposeID('id', { nullable: false }),
    firstName: t.exposeString('firstName', { nullable: true }),
    lastName: t.exposeString('lastName', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'The phone number as it is stored in Salesforce.' }),
    mobilePhone: t.exposeString('mobilePhone', { nullable: true, description: 'The mobile number as it is stored in Salesforce.' }),
    homePhone: t.exposeString('homePhone', { nullable: true, description: 'The home number as it is stored in Salesforce.' }),
    otherPhone: t.exposeString('otherPhone', { nullable: true, description: 'The other number as it is stored in Salesforce.' }),
    isPersonAccount: t.boolean({
      nullable: false,
      description: 'True for a person account (B2C orgs): the customer is the account itself, so `account` is null.',
      resolve: (c) => c.personAccount === true,
    }),
    account: t.field({
      type: AccountRef,
      nullable: true,
      description: "The customer's company; null for a person account.",
      resolve: (c, _args, ctx) => {
        if (c.account !== undefined) return c.account;
        return c.accountId ? ctx.loaders.account.load(c.accountId) : null;
      },
    }),
    consent: t.field({
      type: ConsentRef,
      nullable: false,
      description: 'What the customer has said about being contacted on each channel.',
      resolve: (c) => consentOf(c),
    }),
  }),
});

builder.queryField('customer', (t) =>
  t.field({
    extensions: costs({ kind: 'lookup', perQuery: 1 }),
    type: CustomerRef,
    nullable: true,
    description: 'A customer by their Contact Id; null when none has it.',
    args: { id: t.arg.id({ required: true, description: "The customer's Salesforce Contact Id (15 or 18 characters)." }) },
    resolve: (_root, args, ctx, info) => {
      const id = parseIdArg(String(args.id));
      return id.startsWith('003') ? customerById(ctx, id, customerShape(ctx, info, [[]])) : null;
    },
  }),
);

const PhoneFieldRef = builder.enumType('PhoneField', {
  values: ['PHONE', 'MOBILE_PHONE', 'HOME_PHONE', 'OTHER_PHONE', 'ACCOUNT_PHONE'] as const,
});

const PhoneMatchRef = builder.objectRef<PhoneMatch>('PhoneMatch').implement({
  fields: (t) => ({
    customer: t.field({ type: CustomerRef, nullable: false, resolve: (m) => m.customer }),
    field: t.expose('field', { type: PhoneFieldRef, nullable: false, description: "Which of the customer's numbers matched." }),
    salesforceField: t.exposeString('salesforceField', {
      nullable: false,
      description:
        "The Salesforce field that matched, e.g. MobilePhone or Account.Phone; for a phone field of the org's own (e.g. WhatsApp__c), `field` is OTHER_PHONE.",
    }),
  }),
});

const PhoneLookupOutcomeRef = builder.enumType('PhoneLookupOutcome', {
  values: {
    UNIQUE_MATCH: { description: 'Exactly one customer matched on one of their own numbers.' },
    MULTIPLE_MATCHES: { description: 'Several customers matched, or only an account phone matched.' },
    NO_MATCH: {},
    INVALID_NUMBER: { description: 'The number could not be parsed (withheld, too short, not a number).' },
  } as const,
});

const PhoneLookupRef = builder.objectRef<PhoneLookup>('PhoneLookup').implement({
  fields: (t) => ({
    phone: t.exposeString('phone', { nullable: true, description: 'The number looked up, in E.164 form; null when it could not be parsed.' }),
    outcome: t.expose('outcome', { type: PhoneLookupOutcomeRef, nullable: false }),
    bestMatch: t.field({
      type: PhoneMatchRef,
      nullable: true,
      description: 'The match to use without asking, present only when outcome is UNIQUE_MATCH.',
      resolve: (l) => l.bestMatch,
    }),
    matches: t.field({
      type: [PhoneMatchRef],
      nullable: false,
      description: 'Matching customers, best first, at most `first` of them.',
      resolve: (l) => l.matches,
    }),
    totalCount: t.exposeInt('totalCount', { nullable: false, description: 'How many customers matched in all.' }),
  }),
});

builder.queryField('customersByPhone', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 3, children: 'first' }),
    type: PhoneLookupRef,
    nullable: true,
    description:
      'Customers with a number that matches the given one, whatever format it is\nstored in. Made for the caller ID of a live call: an unusable number is the\noutcome INVALID_NUMBER, not an error.',
    args: {
      phone: t.arg.string({ required: true, description: 'The caller\'s number in any format, e.g. "+1 415 555 0134" or "(415) 555-0134".' }),
      first: t.arg.int({ required: true, defaultValue: 5, description: 'How many matches to return, 1 to 50.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const shape = customerShape(ctx, info, [
        ['matches', 'customer'],
        ['bestMatch', 'customer'],
      ]);
      const lookup = await lookUpCaller(ctx, args.phone, parseFirst(args.first), shape);
      // A voice agent's caller, identified: frontend tools hear of it (agentActivity).
      const who = lookup.bestMatch?.customer;
      if (who && ctx.principal?.role === 'agent') ctx.activity.publish(callerIdentified(ctx.principal.name, who.id, who.name));
      return lookup;
    },
  }),
);

const CustomerConnectionRef = connectionRef(
  'Customer',
  builder.objectRef<Edge<CustomerRecord>>('CustomerEdge').implement({
    fields: (t) => ({ ...edgeFields(t), node: t.field({ type: CustomerRef, nullable: false, resolve: (e) => e.node }) }),
  }),
);

builder.queryField('searchCustomers', (t) =>
  t.field({
    extensions: costs({ kind: 'calls', calls: 1, children: 'first' }),
    type: CustomerConnectionRef,
    nullable: true,
    description: 'Customers whose name, email or phone matches the search text.',
    args: {
      text: t.arg.string({ required: true, description: 'Words of a name, an email or a phone number.' }),
      first: t.arg.int({ required: true, defaultValue: 10, description: 'How many customers, 1 to 50.' }),
      after: t.arg.string({ required: false, description: 'The cursor of the last customer of the previous page (pageInfo.endCursor).' }),
    },
    resolve: async (_root, args, ctx, info) => {
      const page = offsetPage(args.first, args.after);
      const text = args.text.trim();
      if (text.replace(/\W/g, '').length < 2 || text.length > 100) {
        throw badInput('text must have 2 to 100 characters, at least 2 of them letters or digits', 'text');
      }
      const result = await searchCustomers(ctx, text, page, customerShape(ctx, info, [['edges', 'node']]));
      return offsetConnection(result.records, result.hasMore, page.offset);
    },
  }),
);
