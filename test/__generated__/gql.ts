/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query NestedSearch($text: String!, $first: Int!) {\n    searchCustomers(text: $text, first: $first) {\n      edges {\n        node {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n": typeof types.NestedSearchDocument,
    "\n  query NestedPhone($phone: String!, $first: Int!) {\n    customersByPhone(phone: $phone, first: $first) {\n      matches {\n        customer {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n": typeof types.NestedPhoneDocument,
    "\n  query FollowUps($id: ID!) {\n    customer(id: $id) {\n      name\n      followUps(first: 10) {\n        edges { node { id channel to subject body status createdAt customer { name } case { caseNumber } } }\n      }\n    }\n  }\n": typeof types.FollowUpsDocument,
    "\n    query OneTrip($phone: String!) {\n      customersByPhone(phone: $phone, first: 3) {\n        outcome\n        bestMatch {\n          customer {\n            id\n            name\n            account { name }\n            consent { sms email call }\n            cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }\n            followUps(first: 3) { edges { node { channel to status } } }\n          }\n        }\n      }\n    }\n  ": typeof types.OneTripDocument,
    "\n  query CustomerCases($id: ID!, $status: CaseStatusFilter = ALL, $first: Int! = 10, $after: String) {\n    customer(id: $id) {\n      cases(status: $status, first: $first, after: $after) {\n        edges { cursor node { id caseNumber subject status isClosed createdAt closedAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": typeof types.CustomerCasesDocument,
    "\n  query CaseById($id: ID!) {\n    case(id: $id) {\n      id\n      salesforceId\n      caseNumber\n      subject\n      description\n      status\n      priority\n      origin\n      isClosed\n      createdAt\n      closedAt\n      customer { id name }\n      followUps(first: 5) { edges { node { id channel to body status } } }\n    }\n  }\n": typeof types.CaseByIdDocument,
    "\n  query ByNumber($caseNumber: String!, $customerId: ID) {\n    caseByNumber(caseNumber: $caseNumber, customerId: $customerId) { id caseNumber }\n  }\n": typeof types.ByNumberDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess {\n        replayed\n        case { id caseNumber subject description status priority origin isClosed customer { id } }\n      }\n      ... on ValidationError { message fieldErrors { field code message } }\n      ... on NotFoundError { message id }\n      ... on IdempotencyConflictError { message reason }\n      ... on Error { message }\n    }\n  }\n": typeof types.CreateCaseDocument,
    "\n  mutation CreateThenRead($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      ... on CreateCaseSuccess {\n        case { id customer { cases(status: OPEN, first: 10) { edges { node { id } } } } }\n      }\n    }\n  }\n": typeof types.CreateThenReadDocument,
    "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      salesforceId\n      firstName\n      lastName\n      name\n      email\n      phone\n      mobilePhone\n      account { id name phone }\n      consent { email sms call }\n    }\n  }\n": typeof types.CustomerByIdDocument,
    "\n  query PhoneLookup($phone: String!, $first: Int! = 5) {\n    customersByPhone(phone: $phone, first: $first) {\n      phone\n      outcome\n      totalCount\n      bestMatch { field customer { id name } }\n      matches { field customer { id name } }\n    }\n  }\n": typeof types.PhoneLookupDocument,
    "\n  query Search($text: String!, $first: Int! = 10, $after: String) {\n    searchCustomers(text: $text, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Customer { name }\n      ... on Account { name }\n      ... on Case { caseNumber }\n      ... on FollowUp { channel }\n    }\n  }\n": typeof types.NodeByIdDocument,
    "\n  mutation Send($input: SendFollowUpInput!) {\n    sendFollowUp(input: $input) {\n      __typename\n      ... on SendFollowUpSuccess { replayed followUp { id channel to subject body status customer { id } case { id } } }\n      ... on ValidationError { fieldErrors { field code message } }\n      ... on NotFoundError { id }\n      ... on ConsentError { channel }\n      ... on IdempotencyConflictError { reason }\n      ... on DeliveryError { channel failed: followUp { id status to } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SendDocument,
    "\n  query FollowUpStatus($id: ID!) {\n    node(id: $id) { ... on FollowUp { status } }\n  }\n": typeof types.FollowUpStatusDocument,
    "\n  query ResilienceContext($phone: String!) {\n    customersByPhone(phone: $phone) {\n      outcome\n      bestMatch {\n        customer {\n          name\n          cases(first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } }\n        }\n      }\n    }\n  }\n": typeof types.ResilienceContextDocument,
    "\n  query ResilienceCustomer($id: ID!) {\n    customer(id: $id) { name }\n  }\n": typeof types.ResilienceCustomerDocument,
    "\n  mutation ResilienceCreate($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess { replayed case { id } }\n    }\n  }\n": typeof types.ResilienceCreateDocument,
    "\n  mutation SecurityCreate($input: CreateCaseInput!) {\n    createCase(input: $input) { __typename ... on CreateCaseSuccess { case { id } } }\n  }\n": typeof types.SecurityCreateDocument,
};
const documents: Documents = {
    "\n  query NestedSearch($text: String!, $first: Int!) {\n    searchCustomers(text: $text, first: $first) {\n      edges {\n        node {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n": types.NestedSearchDocument,
    "\n  query NestedPhone($phone: String!, $first: Int!) {\n    customersByPhone(phone: $phone, first: $first) {\n      matches {\n        customer {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n": types.NestedPhoneDocument,
    "\n  query FollowUps($id: ID!) {\n    customer(id: $id) {\n      name\n      followUps(first: 10) {\n        edges { node { id channel to subject body status createdAt customer { name } case { caseNumber } } }\n      }\n    }\n  }\n": types.FollowUpsDocument,
    "\n    query OneTrip($phone: String!) {\n      customersByPhone(phone: $phone, first: 3) {\n        outcome\n        bestMatch {\n          customer {\n            id\n            name\n            account { name }\n            consent { sms email call }\n            cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }\n            followUps(first: 3) { edges { node { channel to status } } }\n          }\n        }\n      }\n    }\n  ": types.OneTripDocument,
    "\n  query CustomerCases($id: ID!, $status: CaseStatusFilter = ALL, $first: Int! = 10, $after: String) {\n    customer(id: $id) {\n      cases(status: $status, first: $first, after: $after) {\n        edges { cursor node { id caseNumber subject status isClosed createdAt closedAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": types.CustomerCasesDocument,
    "\n  query CaseById($id: ID!) {\n    case(id: $id) {\n      id\n      salesforceId\n      caseNumber\n      subject\n      description\n      status\n      priority\n      origin\n      isClosed\n      createdAt\n      closedAt\n      customer { id name }\n      followUps(first: 5) { edges { node { id channel to body status } } }\n    }\n  }\n": types.CaseByIdDocument,
    "\n  query ByNumber($caseNumber: String!, $customerId: ID) {\n    caseByNumber(caseNumber: $caseNumber, customerId: $customerId) { id caseNumber }\n  }\n": types.ByNumberDocument,
    "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess {\n        replayed\n        case { id caseNumber subject description status priority origin isClosed customer { id } }\n      }\n      ... on ValidationError { message fieldErrors { field code message } }\n      ... on NotFoundError { message id }\n      ... on IdempotencyConflictError { message reason }\n      ... on Error { message }\n    }\n  }\n": types.CreateCaseDocument,
    "\n  mutation CreateThenRead($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      ... on CreateCaseSuccess {\n        case { id customer { cases(status: OPEN, first: 10) { edges { node { id } } } } }\n      }\n    }\n  }\n": types.CreateThenReadDocument,
    "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      salesforceId\n      firstName\n      lastName\n      name\n      email\n      phone\n      mobilePhone\n      account { id name phone }\n      consent { email sms call }\n    }\n  }\n": types.CustomerByIdDocument,
    "\n  query PhoneLookup($phone: String!, $first: Int! = 5) {\n    customersByPhone(phone: $phone, first: $first) {\n      phone\n      outcome\n      totalCount\n      bestMatch { field customer { id name } }\n      matches { field customer { id name } }\n    }\n  }\n": types.PhoneLookupDocument,
    "\n  query Search($text: String!, $first: Int! = 10, $after: String) {\n    searchCustomers(text: $text, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.SearchDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Customer { name }\n      ... on Account { name }\n      ... on Case { caseNumber }\n      ... on FollowUp { channel }\n    }\n  }\n": types.NodeByIdDocument,
    "\n  mutation Send($input: SendFollowUpInput!) {\n    sendFollowUp(input: $input) {\n      __typename\n      ... on SendFollowUpSuccess { replayed followUp { id channel to subject body status customer { id } case { id } } }\n      ... on ValidationError { fieldErrors { field code message } }\n      ... on NotFoundError { id }\n      ... on ConsentError { channel }\n      ... on IdempotencyConflictError { reason }\n      ... on DeliveryError { channel failed: followUp { id status to } }\n      ... on Error { message }\n    }\n  }\n": types.SendDocument,
    "\n  query FollowUpStatus($id: ID!) {\n    node(id: $id) { ... on FollowUp { status } }\n  }\n": types.FollowUpStatusDocument,
    "\n  query ResilienceContext($phone: String!) {\n    customersByPhone(phone: $phone) {\n      outcome\n      bestMatch {\n        customer {\n          name\n          cases(first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } }\n        }\n      }\n    }\n  }\n": types.ResilienceContextDocument,
    "\n  query ResilienceCustomer($id: ID!) {\n    customer(id: $id) { name }\n  }\n": types.ResilienceCustomerDocument,
    "\n  mutation ResilienceCreate($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess { replayed case { id } }\n    }\n  }\n": types.ResilienceCreateDocument,
    "\n  mutation SecurityCreate($input: CreateCaseInput!) {\n    createCase(input: $input) { __typename ... on CreateCaseSuccess { case { id } } }\n  }\n": types.SecurityCreateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedSearch($text: String!, $first: Int!) {\n    searchCustomers(text: $text, first: $first) {\n      edges {\n        node {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedSearch($text: String!, $first: Int!) {\n    searchCustomers(text: $text, first: $first) {\n      edges {\n        node {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedPhone($phone: String!, $first: Int!) {\n    customersByPhone(phone: $phone, first: $first) {\n      matches {\n        customer {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedPhone($phone: String!, $first: Int!) {\n    customersByPhone(phone: $phone, first: $first) {\n      matches {\n        customer {\n          name\n          account { name }\n          cases(first: 5) { edges { node { subject followUps(first: 3) { edges { node { body } } } } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUps($id: ID!) {\n    customer(id: $id) {\n      name\n      followUps(first: 10) {\n        edges { node { id channel to subject body status createdAt customer { name } case { caseNumber } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FollowUps($id: ID!) {\n    customer(id: $id) {\n      name\n      followUps(first: 10) {\n        edges { node { id channel to subject body status createdAt customer { name } case { caseNumber } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query OneTrip($phone: String!) {\n      customersByPhone(phone: $phone, first: 3) {\n        outcome\n        bestMatch {\n          customer {\n            id\n            name\n            account { name }\n            consent { sms email call }\n            cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }\n            followUps(first: 3) { edges { node { channel to status } } }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query OneTrip($phone: String!) {\n      customersByPhone(phone: $phone, first: 3) {\n        outcome\n        bestMatch {\n          customer {\n            id\n            name\n            account { name }\n            consent { sms email call }\n            cases(status: OPEN, first: 5) { edges { node { caseNumber subject followUps(first: 3) { edges { node { channel status } } } } } }\n            followUps(first: 3) { edges { node { channel to status } } }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerCases($id: ID!, $status: CaseStatusFilter = ALL, $first: Int! = 10, $after: String) {\n    customer(id: $id) {\n      cases(status: $status, first: $first, after: $after) {\n        edges { cursor node { id caseNumber subject status isClosed createdAt closedAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerCases($id: ID!, $status: CaseStatusFilter = ALL, $first: Int! = 10, $after: String) {\n    customer(id: $id) {\n      cases(status: $status, first: $first, after: $after) {\n        edges { cursor node { id caseNumber subject status isClosed createdAt closedAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseById($id: ID!) {\n    case(id: $id) {\n      id\n      salesforceId\n      caseNumber\n      subject\n      description\n      status\n      priority\n      origin\n      isClosed\n      createdAt\n      closedAt\n      customer { id name }\n      followUps(first: 5) { edges { node { id channel to body status } } }\n    }\n  }\n"): (typeof documents)["\n  query CaseById($id: ID!) {\n    case(id: $id) {\n      id\n      salesforceId\n      caseNumber\n      subject\n      description\n      status\n      priority\n      origin\n      isClosed\n      createdAt\n      closedAt\n      customer { id name }\n      followUps(first: 5) { edges { node { id channel to body status } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ByNumber($caseNumber: String!, $customerId: ID) {\n    caseByNumber(caseNumber: $caseNumber, customerId: $customerId) { id caseNumber }\n  }\n"): (typeof documents)["\n  query ByNumber($caseNumber: String!, $customerId: ID) {\n    caseByNumber(caseNumber: $caseNumber, customerId: $customerId) { id caseNumber }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess {\n        replayed\n        case { id caseNumber subject description status priority origin isClosed customer { id } }\n      }\n      ... on ValidationError { message fieldErrors { field code message } }\n      ... on NotFoundError { message id }\n      ... on IdempotencyConflictError { message reason }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCase($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess {\n        replayed\n        case { id caseNumber subject description status priority origin isClosed customer { id } }\n      }\n      ... on ValidationError { message fieldErrors { field code message } }\n      ... on NotFoundError { message id }\n      ... on IdempotencyConflictError { message reason }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateThenRead($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      ... on CreateCaseSuccess {\n        case { id customer { cases(status: OPEN, first: 10) { edges { node { id } } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateThenRead($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      ... on CreateCaseSuccess {\n        case { id customer { cases(status: OPEN, first: 10) { edges { node { id } } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      salesforceId\n      firstName\n      lastName\n      name\n      email\n      phone\n      mobilePhone\n      account { id name phone }\n      consent { email sms call }\n    }\n  }\n"): (typeof documents)["\n  query CustomerById($id: ID!) {\n    customer(id: $id) {\n      id\n      salesforceId\n      firstName\n      lastName\n      name\n      email\n      phone\n      mobilePhone\n      account { id name phone }\n      consent { email sms call }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PhoneLookup($phone: String!, $first: Int! = 5) {\n    customersByPhone(phone: $phone, first: $first) {\n      phone\n      outcome\n      totalCount\n      bestMatch { field customer { id name } }\n      matches { field customer { id name } }\n    }\n  }\n"): (typeof documents)["\n  query PhoneLookup($phone: String!, $first: Int! = 5) {\n    customersByPhone(phone: $phone, first: $first) {\n      phone\n      outcome\n      totalCount\n      bestMatch { field customer { id name } }\n      matches { field customer { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($text: String!, $first: Int! = 10, $after: String) {\n    searchCustomers(text: $text, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Search($text: String!, $first: Int! = 10, $after: String) {\n    searchCustomers(text: $text, first: $first, after: $after) {\n      edges { cursor node { id name email } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Customer { name }\n      ... on Account { name }\n      ... on Case { caseNumber }\n      ... on FollowUp { channel }\n    }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Customer { name }\n      ... on Account { name }\n      ... on Case { caseNumber }\n      ... on FollowUp { channel }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Send($input: SendFollowUpInput!) {\n    sendFollowUp(input: $input) {\n      __typename\n      ... on SendFollowUpSuccess { replayed followUp { id channel to subject body status customer { id } case { id } } }\n      ... on ValidationError { fieldErrors { field code message } }\n      ... on NotFoundError { id }\n      ... on ConsentError { channel }\n      ... on IdempotencyConflictError { reason }\n      ... on DeliveryError { channel failed: followUp { id status to } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation Send($input: SendFollowUpInput!) {\n    sendFollowUp(input: $input) {\n      __typename\n      ... on SendFollowUpSuccess { replayed followUp { id channel to subject body status customer { id } case { id } } }\n      ... on ValidationError { fieldErrors { field code message } }\n      ... on NotFoundError { id }\n      ... on ConsentError { channel }\n      ... on IdempotencyConflictError { reason }\n      ... on DeliveryError { channel failed: followUp { id status to } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FollowUpStatus($id: ID!) {\n    node(id: $id) { ... on FollowUp { status } }\n  }\n"): (typeof documents)["\n  query FollowUpStatus($id: ID!) {\n    node(id: $id) { ... on FollowUp { status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResilienceContext($phone: String!) {\n    customersByPhone(phone: $phone) {\n      outcome\n      bestMatch {\n        customer {\n          name\n          cases(first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResilienceContext($phone: String!) {\n    customersByPhone(phone: $phone) {\n      outcome\n      bestMatch {\n        customer {\n          name\n          cases(first: 5) { edges { node { caseNumber followUps(first: 3) { edges { node { status } } } } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResilienceCustomer($id: ID!) {\n    customer(id: $id) { name }\n  }\n"): (typeof documents)["\n  query ResilienceCustomer($id: ID!) {\n    customer(id: $id) { name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResilienceCreate($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess { replayed case { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation ResilienceCreate($input: CreateCaseInput!) {\n    createCase(input: $input) {\n      __typename\n      ... on CreateCaseSuccess { replayed case { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecurityCreate($input: CreateCaseInput!) {\n    createCase(input: $input) { __typename ... on CreateCaseSuccess { case { id } } }\n  }\n"): (typeof documents)["\n  mutation SecurityCreate($input: CreateCaseInput!) {\n    createCase(input: $input) { __typename ... on CreateCaseSuccess { case { id } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;