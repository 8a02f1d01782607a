/**
 * The one registry of the Salesforce objects whose records the gateway's answers hold: the GraphQL
 * types that show them, the fields that point at a record whose lists show them (parents), their
 * child lists, their phone fields, and whether Salesforce publishes change events for them. The
 * cache (tags and invalidation), the change-event subscription and the budget's pricing all read
 * it; no other table of objects exists (docs/architecture.md, "Freshness").
 *
 * Change Data Capture covers Contact, Account (person accounts included), Case and Task;
 * CaseComment has no change events, so answers that hold comments live only the short TTL
 * (docs/operations.md, "What is fresh, and how fast").
 */

export interface ObjectInfo {
  /** The GraphQL types that show its records (a Task is a follow-up or a call). */
  typenames: readonly string[];
  /** Fields naming a record whose lists show this one (a case is listed under its contact and account). */
  parents: readonly string[];
  /** Child relationships, as SOQL names them, and the object of their rows. */
  children: Readonly<Record<string, string>>;
  /** Phone fields a caller's number may be found on (the org file adds its own to Contact's). */
  phoneFields: readonly string[];
  /** Whether Salesforce publishes change events for it. */
  changeEvents: boolean;
}

export const OBJECTS: Readonly<Record<string, ObjectInfo>> = {
  Contact: {
    typenames: ['Customer'],
    parents: ['AccountId'],
    children: { Cases: 'Case', Tasks: 'Task' },
    phoneFields: ['MobilePhone', 'Phone', 'HomePhone', 'OtherPhone'],
    changeEvents: true,
  },
  Account: {
    typenames: ['Account'],
    parents: [],
    children: { Contacts: 'Contact', Cases: 'Case' },
    // A person account carries its person's numbers too.
    phoneFields: ['Phone', 'PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'],
    changeEvents: true,
  },
  Case: {
    typenames: ['Case'],
    parents: ['ContactId', 'AccountId'],
    children: { Tasks: 'Task', CaseComments: 'CaseComment' },
    phoneFields: [],
    changeEvents: true,
  },
  Task: { typenames: ['FollowUp', 'Call'], parents: ['WhoId', 'WhatId'], children: {}, phoneFields: [], changeEvents: true },
  CaseComment: { typenames: ['CaseComment'], parents: ['ParentId'], children: {}, phoneFields: [], changeEvents: false },
};

/** The objects whose change events the gateway subscribes to. */
export const CHANGE_EVENT_OBJECTS: readonly string[] = Object.keys(OBJECTS).filter((o) => OBJECTS[o]!.changeEvents);

/** The object whose records a GraphQL type shows, or null for a type that shows none. */
export function objectOfTypename(typename: string): string | null {
  for (const [name, info] of Object.entries(OBJECTS)) if (info.typenames.includes(typename)) return name;
  return null;
}

/** The object of a parent's child relationship (Contact + Cases → Case), or null when unknown. */
export const childObject = (parent: string, relationship: string): string | null => OBJECTS[parent]?.children[relationship] ?? null;

/** The phone fields of an object in this org: the registry's, plus the org file's own on Contact. */
export function phoneFieldsOf(object: string, orgPhoneFields: readonly string[] = []): string[] {
  const own = OBJECTS[object]?.phoneFields ?? [];
  return object === 'Contact' ? [...new Set([...own, ...orgPhoneFields])] : [...own];
}
