/** The operations GraphiQL opens with: what a dialogue designer tries first. */
export const GRAPHIQL_EXAMPLES = `# Welcome! Pick an operation with the play button.
# The demo org (npm start without Salesforce configured) has these callers, among others:
#   +14155550134 Ada Lovelace (one match) · +14155550177 Alan Turing and Joan Clarke (two)

# 1. The caller-context lookup a live call starts with.
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
          edges { node { caseNumber subject status priority createdAt } }
        }
        followUps(first: 3) {
          edges { node { channel to status createdAt } }
        }
      }
    }
    matches { field customer { id name } }
  }
}

# 2. A customer with their open cases and what was sent about each.
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
              followUps(first: 3) { edges { node { channel body status } } }
            }
          }
        }
      }
    }
  }
}

# 3. The values a new case may take in this org.
query CaseOptions {
  caseOptions {
    statuses { value label isDefault }
    priorities { value label isDefault }
    origins { value label isDefault }
  }
}

# 4. Open a case during the call. Retrying with the same idempotencyKey never makes a second one.
mutation OpenCase($customerId: ID = "0035g0000000001AAA") {
  createCase(input: {
    customerId: $customerId
    subject: "Engine overheats"
    description: "Reported on the phone."
    priority: "High"
    idempotencyKey: "demo-conversation-1"
  }) {
    __typename
    ... on CreateCaseSuccess { replayed case { id caseNumber status priority origin } }
    ... on ValidationError { message fieldErrors { field code message } }
    ... on Error { message }
  }
}

# 5. Text the customer after the call (consent is checked; the number must be theirs).
mutation TextCustomer($customerId: ID = "0035g0000000001AAA") {
  sendFollowUp(input: {
    customerId: $customerId
    channel: SMS
    body: "Thanks for calling. We opened a case and will keep you posted."
    idempotencyKey: "demo-conversation-1-sms"
  }) {
    __typename
    ... on SendFollowUpSuccess { replayed followUp { id to status } }
    ... on ConsentError { channel message }
    ... on ValidationError { fieldErrors { field code message } }
    ... on Error { message }
  }
}
`;
