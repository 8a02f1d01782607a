/**
 * The operations GraphiQL opens with: what a dialogue designer tries first. A test runs every one
 * as it stands (test/graphiql.test.ts, over HTTP and in Chromium).
 */

export interface GraphiQLExample {
  /** Its variables have defaults: it runs with an empty variables pane. */
  query: string;
  /** Mutations need an agent key. */
  mutation: boolean;
  /** Its answers stream in, one after another (GraphQL over Server-Sent Events). */
  subscription?: true;
}

/** The demo org's records the examples name (emulator/src/salesforce/seed.ts). */
const ADA = '0035g0000000001AAA';
const ADA_CASE = '5005g0000000002AAA';

const examples: GraphiQLExample[] = [
  {
    mutation: false,
    query: `# 1. The caller-context lookup a live call starts with.
# The demo org has, among others: +14155550134 Ada Lovelace (one match),
# +14155550177 Alan Turing and Joan Clarke (two matches).
query CallerContext($phone: String! = "+14155550134") {
  customersByPhone(phone: $phone, first: 3) {
    phone
    outcome
    totalCount
    bestMatch {
      field
      customer {
        id
        name
        account { name }
        consent { sms email call }
        cases(status: OPEN, first: 5) {
          edges { node { id caseNumber subject status priority createdAt } }
        }
        followUps(first: 3) { edges { node { channel to status createdAt } } }
        calls(first: 3) { edges { node { direction startedAt durationSeconds outcome } } }
      }
    }
    matches { field customer { id name } }
  }
}
`,
  },
  {
    mutation: false,
    query: `# 2. A customer with their open cases, comments and what was sent about each.
query CustomerWithOpenCases($text: String! = "Lovelace") {
  searchCustomers(text: $text, first: 5) {
    edges {
      node {
        id
        name
        email
        mobilePhone
        cases(status: OPEN, first: 5) {
          pageInfo { hasNextPage endCursor }
          edges {
            node {
              caseNumber
              subject
              status
              comments(first: 2) { edges { node { body createdAt } } }
              followUps(first: 3) { edges { node { channel body status } } }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    mutation: false,
    query: `# 3. The values a case may take in this org.
query CaseOptions {
  caseOptions {
    statuses { value label isDefault }
    priorities { value label isDefault }
    origins { value label isDefault }
  }
}
`,
  },
  {
    mutation: true,
    query: `# 4. Open a case during the call. Retrying with the same idempotencyKey never makes a second one.
mutation OpenCase($customerId: ID! = "${ADA}", $key: String! = "demo-conversation-1") {
  createCase(input: {
    customerId: $customerId
    subject: "Engine overheats"
    description: "Reported on the phone."
    priority: "High"
    idempotencyKey: $key
  }) {
    __typename
    ... on CreateCaseSuccess { replayed case { id caseNumber status priority origin } }
    ... on ValidationError { message fieldErrors { field code message } }
    ... on Error { message }
  }
}
`,
  },
  {
    mutation: true,
    query: `# 5. "Any news on my case?": add a comment (never overwrites the description).
mutation AddToCase($caseId: ID! = "${ADA_CASE}", $key: String! = "demo-conversation-1-update") {
  updateCase(input: {
    caseId: $caseId
    comment: "Customer called again; still not starting."
    idempotencyKey: $key
  }) {
    __typename
    ... on UpdateCaseSuccess { replayed case { caseNumber status } comment { id body } }
    ... on ValidationError { message fieldErrors { field code message } }
    ... on Error { message }
  }
}
`,
  },
  {
    mutation: true,
    query: `# 6. "Yes, text me": record what the caller said, with an audit trail.
mutation RecordConsent($customerId: ID! = "${ADA}", $key: String! = "demo-conversation-1-consent") {
  recordConsent(input: {
    customerId: $customerId
    channel: SMS
    status: OPTED_IN
    source: "said yes to texts on an inbound call"
    externalCallId: "demo-conversation-1"
    idempotencyKey: $key
  }) {
    __typename
    ... on RecordConsentSuccess { replayed customer { consent { sms email call } } }
    ... on ValidationError { message fieldErrors { field code message } }
    ... on Error { message }
  }
}
`,
  },
  {
    mutation: true,
    query: `# 7. Text the customer after the call (consent is checked; the number must be theirs).
mutation TextCustomer($customerId: ID! = "${ADA}", $key: String! = "demo-conversation-1-sms") {
  sendFollowUp(input: {
    customerId: $customerId
    channel: SMS
    body: "Thanks for calling. We opened a case and will keep you posted."
    idempotencyKey: $key
  }) {
    __typename
    ... on SendFollowUpSuccess { replayed followUp { id to status } }
    ... on DeliveryError { message followUp { id status } }
    ... on ConsentError { channel consentStatus message }
    ... on ValidationError { fieldErrors { field code message } }
    ... on Error { message }
  }
}
`,
  },
  {
    mutation: true,
    query: `# 8. Log the call as it ends.
mutation LogCall($customerId: ID! = "${ADA}", $caseId: ID! = "${ADA_CASE}", $key: String! = "demo-conversation-1-call") {
  logCall(input: {
    customerId: $customerId
    caseId: $caseId
    from: "+14155550134"
    startedAt: "2026-11-30T10:00:00Z"
    durationSeconds: 184
    summary: "Asked for news on the engine case; comment added, SMS sent."
    outcome: "case updated"
    externalCallId: "demo-conversation-1"
    idempotencyKey: $key
  }) {
    __typename
    ... on LogCallSuccess { replayed call { id direction durationSeconds case { caseNumber } } }
    ... on ValidationError { fieldErrors { field code message } }
    ... on Error { message }
  }
}
`,
  },
  {
    mutation: false,
    subscription: true,
    query: `# 9. Live: the customer at once, then again after every change to them, made
# here (try example 4 in another tab) or in Salesforce by anyone. Stop it with the Run button.
subscription LiveCustomer($customerId: ID! = "${ADA}") {
  customerUpdated(customerId: $customerId) {
    name
    account { name }
    cases(status: OPEN, first: 5) { edges { node { caseNumber subject status } } }
    followUps(first: 3) { edges { node { channel status createdAt } } }
  }
}
`,
  },
  {
    mutation: false,
    subscription: true,
    query: `# 10. Live: what voice agents do, as they do it (run example 1 or 4 in another tab).
subscription WatchAgents($customerId: ID) {
  agentActivity(customerId: $customerId) { at kind customerId caseId client summary }
}
`,
  },
];

/**
 * The page's one document: every example, after a note on keys. (GraphiQL 5 loses a tab's text
 * when switching between tabs it was given, graphql/graphiql#3095, so the examples share a tab;
 * the Run button lists them.) In demo mode the page carries the demo agent key, which may read,
 * write and (outside production) introspect, so every example runs as it stands.
 */
export function graphiqlDocument(demo: boolean): string {
  const keys = demo
    ? '# This page sends the demo agent key with every request: it may run every example, mutations too.\n# A designer key reads and gets field suggestions, but may not write. To try it, in Headers:\n#   {"Authorization": "Bearer demo-designer-key"}\n'
    : '# Reads need any API key; mutations need an agent API key. In Headers:\n#   {"Authorization": "Bearer <your key>"}\n';
  return `# Welcome! Pick an operation with the Run button.\n${keys}\n${examples.map((e) => e.query).join('\n')}`;
}

export const GRAPHIQL_EXAMPLES: readonly GraphiQLExample[] = examples;
