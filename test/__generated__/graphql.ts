/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in UTC, ISO 8601 with a `Z` suffix, e.g. 2026-11-25T09:30:00.000Z. */
  DateTime: { input: string; output: string; }
};

export type Account = Node & {
  __typename?: 'Account';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  phone?: Maybe<Scalars['String']['output']>;
  salesforceId: Scalars['ID']['output'];
};

/** One thing a voice agent did through this gateway. */
export type AgentActivity = {
  __typename?: 'AgentActivity';
  at: Scalars['DateTime']['output'];
  /** The case it concerned, when there is one. */
  caseId?: Maybe<Scalars['ID']['output']>;
  /** The API key's name (not the key) that did it. */
  client: Scalars['String']['output'];
  /** The customer it concerned, when known. */
  customerId?: Maybe<Scalars['ID']['output']>;
  kind: AgentActivityKind;
  /** One line for a person, e.g. "Case 00001026 created: Router down". */
  summary: Scalars['String']['output'];
};

export type AgentActivityKind =
  | 'CALLER_IDENTIFIED'
  | 'CALL_LOGGED'
  | 'CASE_CREATED'
  | 'CASE_UPDATED'
  | 'CONSENT_RECORDED'
  | 'FOLLOW_UP_SENT';

/**
 * A phone call with a customer, logged in Salesforce as a completed Task with
 * TaskSubtype Call (Type Call, CallType, CallDurationInSeconds, CallObject,
 * CallDisposition, Description), on the customer and on the case when there is one.
 */
export type Call = Node & {
  __typename?: 'Call';
  case?: Maybe<Case>;
  customer?: Maybe<Customer>;
  direction: CallDirection;
  durationSeconds: Scalars['Int']['output'];
  /** The telephony platform's own id of the call (CallObject), e.g. a conversation id. */
  externalCallId?: Maybe<Scalars['String']['output']>;
  /** The other party's number in E.164, as the telephony platform gave it. */
  from?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** How the call ended, in the platform's words (CallDisposition), e.g. "case created". */
  outcome?: Maybe<Scalars['String']['output']>;
  salesforceId: Scalars['ID']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** What happened on the call, in a few sentences. */
  summary?: Maybe<Scalars['String']['output']>;
};

export type CallConnection = {
  __typename?: 'CallConnection';
  edges: Array<CallEdge>;
  pageInfo: PageInfo;
};

export type CallDirection =
  | 'INBOUND'
  | 'OUTBOUND';

export type CallEdge = {
  __typename?: 'CallEdge';
  cursor: Scalars['String']['output'];
  node: Call;
};

export type Case = Node & {
  __typename?: 'Case';
  /** Calls logged about this case, newest first. */
  calls?: Maybe<CallConnection>;
  caseNumber: Scalars['String']['output'];
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Comments on the case (CaseComment), newest first. */
  comments?: Maybe<CaseCommentConnection>;
  createdAt: Scalars['DateTime']['output'];
  customer?: Maybe<Customer>;
  description?: Maybe<Scalars['String']['output']>;
  /** Follow-up messages sent about this case, newest first. */
  followUps?: Maybe<FollowUpConnection>;
  id: Scalars['ID']['output'];
  isClosed: Scalars['Boolean']['output'];
  /** A value of the org's Case.Origin picklist. */
  origin?: Maybe<Scalars['String']['output']>;
  /** A value of the org's Case.Priority picklist. */
  priority?: Maybe<Scalars['String']['output']>;
  salesforceId: Scalars['ID']['output'];
  /** A value of the org's Case.Status picklist. */
  status: Scalars['String']['output'];
  subject?: Maybe<Scalars['String']['output']>;
  suppliedEmail?: Maybe<Scalars['String']['output']>;
  /** For a case from a caller with no customer record: who called, as they said it. */
  suppliedName?: Maybe<Scalars['String']['output']>;
  suppliedPhone?: Maybe<Scalars['String']['output']>;
};


export type CaseCallsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type CaseCommentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type CaseFollowUpsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** A comment on a case: Salesforce's CaseComment. */
export type CaseComment = Node & {
  __typename?: 'CaseComment';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Whether the customer can see it (e.g. in a portal). */
  isPublic: Scalars['Boolean']['output'];
  salesforceId: Scalars['ID']['output'];
};

export type CaseCommentConnection = {
  __typename?: 'CaseCommentConnection';
  edges: Array<CaseCommentEdge>;
  pageInfo: PageInfo;
};

export type CaseCommentEdge = {
  __typename?: 'CaseCommentEdge';
  cursor: Scalars['String']['output'];
  node: CaseComment;
};

export type CaseConnection = {
  __typename?: 'CaseConnection';
  edges: Array<CaseEdge>;
  pageInfo: PageInfo;
};

export type CaseEdge = {
  __typename?: 'CaseEdge';
  cursor: Scalars['String']['output'];
  node: Case;
};

/** The values that the org's Case picklists accept, read from Salesforce. */
export type CaseOptions = {
  __typename?: 'CaseOptions';
  origins: Array<PicklistValue>;
  priorities: Array<PicklistValue>;
  statuses: Array<PicklistValue>;
};

export type CaseStatusFilter =
  | 'ALL'
  | 'CLOSED'
  | 'OPEN';

export type Consent = {
  __typename?: 'Consent';
  /** OPTED_OUT when DoNotCall is set. */
  call: ConsentStatus;
  /** OPTED_OUT when HasOptedOutOfEmail is set. */
  email: ConsentStatus;
  /** OPTED_OUT when the org's SMS opt-out field (or DoNotCall) is set. */
  sms: ConsentStatus;
};

export type ConsentChannel =
  | 'CALL'
  | 'EMAIL'
  | 'SMS';

/** The customer's consent does not allow this channel; nothing was sent. */
export type ConsentError = Error & {
  __typename?: 'ConsentError';
  channel: FollowUpChannel;
  /**
   * The customer's consent on this channel as recorded: OPTED_OUT, or UNKNOWN when
   * the gateway's policy for the channel is opt-in (ask, then recordConsent).
   */
  consentStatus: ConsentStatus;
  message: Scalars['String']['output'];
};

export type ConsentStatus =
  /** The customer agreed to be contacted on this channel. */
  | 'OPTED_IN'
  /** The customer asked not to be contacted on this channel. */
  | 'OPTED_OUT'
  /** Salesforce records neither; ask before using the channel. */
  | 'UNKNOWN';

export type CreateCaseInput = {
  /** The customer (Contact) the case is about; its Account is set too. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /**
   * Unique per attempt to create one case (up to 64 characters), e.g. derived from
   * the conversation id. Retrying with the same key returns the case created the
   * first time and never creates a second one. Keys are kept for at least 24 hours
   * and are scoped to the calling client.
   */
  idempotencyKey: Scalars['String']['input'];
  /** Defaults to the gateway's configured origin (Phone when the org has it). */
  origin?: InputMaybe<Scalars['String']['input']>;
  priority?: InputMaybe<Scalars['String']['input']>;
  /** The developer name of one of the org's Case record types (e.g. Complaint); the user's default when absent. */
  recordType?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to the org's default Case.Status. */
  status?: InputMaybe<Scalars['String']['input']>;
  subject: Scalars['String']['input'];
  suppliedEmail?: InputMaybe<Scalars['String']['input']>;
  /** For a caller with no customer record: who called, as they said it. */
  suppliedName?: InputMaybe<Scalars['String']['input']>;
  suppliedPhone?: InputMaybe<Scalars['String']['input']>;
};

export type CreateCaseResult = CreateCaseSuccess | IdempotencyConflictError | NotFoundError | ValidationError;

export type CreateCaseSuccess = {
  __typename?: 'CreateCaseSuccess';
  case: Case;
  /** True when this answer is the replay of an earlier call with the same key. */
  replayed: Scalars['Boolean']['output'];
};

/** A person the business serves: a Salesforce Contact, with its Account. */
export type Customer = Node & {
  __typename?: 'Customer';
  /** The customer's company; null for a person account. */
  account?: Maybe<Account>;
  /** Calls logged with this customer, newest first. */
  calls?: Maybe<CallConnection>;
  /** The customer's cases, newest first. */
  cases?: Maybe<CaseConnection>;
  /** What the customer has said about being contacted on each channel. */
  consent: Consent;
  email?: Maybe<Scalars['String']['output']>;
  firstName?: Maybe<Scalars['String']['output']>;
  /** Follow-up messages sent to the customer, newest first. */
  followUps?: Maybe<FollowUpConnection>;
  /** The home number as it is stored in Salesforce. */
  homePhone?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** True for a person account (B2C orgs): the customer is the account itself, so `account` is null. */
  isPersonAccount: Scalars['Boolean']['output'];
  lastName: Scalars['String']['output'];
  /** The mobile number as it is stored in Salesforce. */
  mobilePhone?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The other number as it is stored in Salesforce. */
  otherPhone?: Maybe<Scalars['String']['output']>;
  /** The phone number as it is stored in Salesforce. */
  phone?: Maybe<Scalars['String']['output']>;
  salesforceId: Scalars['ID']['output'];
};


/** A person the business serves: a Salesforce Contact, with its Account. */
export type CustomerCallsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


/** A person the business serves: a Salesforce Contact, with its Account. */
export type CustomerCasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  status?: InputMaybe<CaseStatusFilter>;
};


/** A person the business serves: a Salesforce Contact, with its Account. */
export type CustomerFollowUpsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  edges: Array<CustomerEdge>;
  pageInfo: PageInfo;
};

export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  cursor: Scalars['String']['output'];
  node: Customer;
};

/** The provider refused the message (e.g. a landline for SMS); another channel may work. */
export type DeliveryError = Error & {
  __typename?: 'DeliveryError';
  channel: FollowUpChannel;
  /**
   * The recorded follow-up, with status FAILED. Non-null, like
   * SendFollowUpSuccess.followUp, so that one selection of `followUp` can cover both
   * members of SendFollowUpResult.
   */
  followUp: FollowUp;
  message: Scalars['String']['output'];
};

export type Error = {
  message: Scalars['String']['output'];
};

export type FieldError = {
  __typename?: 'FieldError';
  code: FieldErrorCode;
  /** The input field, e.g. "priority". */
  field: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type FieldErrorCode =
  | 'INVALID'
  | 'INVALID_PICKLIST_VALUE'
  /** The value is not allowed here, e.g. a number that is not the customer's. */
  | 'NOT_ALLOWED'
  | 'REQUIRED'
  | 'TOO_LONG';

/**
 * A message sent to a customer after a conversation, recorded in Salesforce as a
 * Task on the customer (and on the case, when there is one).
 */
export type FollowUp = Node & {
  __typename?: 'FollowUp';
  body: Scalars['String']['output'];
  case?: Maybe<Case>;
  channel: FollowUpChannel;
  createdAt: Scalars['DateTime']['output'];
  customer?: Maybe<Customer>;
  id: Scalars['ID']['output'];
  salesforceId: Scalars['ID']['output'];
  status: FollowUpStatus;
  subject?: Maybe<Scalars['String']['output']>;
  /** The E.164 phone number (SMS) or email address (EMAIL) it was sent to. */
  to: Scalars['String']['output'];
};

export type FollowUpChannel =
  | 'EMAIL'
  | 'SMS';

export type FollowUpConnection = {
  __typename?: 'FollowUpConnection';
  edges: Array<FollowUpEdge>;
  pageInfo: PageInfo;
};

export type FollowUpEdge = {
  __typename?: 'FollowUpEdge';
  cursor: Scalars['String']['output'];
  node: FollowUp;
};

export type FollowUpStatus =
  /** Confirmed delivered by the provider. */
  | 'DELIVERED'
  /** The provider refused or could not deliver it. */
  | 'FAILED'
  /** Recorded; not yet accepted by the provider. */
  | 'PENDING'
  /** Accepted by the provider; delivery not yet confirmed. */
  | 'SENT';

/** Nothing was written. */
export type IdempotencyConflictError = Error & {
  __typename?: 'IdempotencyConflictError';
  message: Scalars['String']['output'];
  reason: IdempotencyConflictReason;
};

export type IdempotencyConflictReason =
  /** The key was used before with a different input. */
  | 'DIFFERENT_INPUT'
  /** The first call with this key is still running; retry shortly. */
  | 'IN_PROGRESS';

export type LogCallInput = {
  caseId?: InputMaybe<Scalars['ID']['input']>;
  /** The customer the call was with; null for a caller with no record. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  direction?: CallDirection;
  /** 0 to 86,400. */
  durationSeconds: Scalars['Int']['input'];
  /** Up to 255 characters, e.g. the PolyAI conversation id. */
  externalCallId?: InputMaybe<Scalars['String']['input']>;
  /** The other party's number, in any format; stored in E.164. */
  from?: InputMaybe<Scalars['String']['input']>;
  /** Unique per call (up to 64 characters). A retry never logs the call twice. */
  idempotencyKey: Scalars['String']['input'];
  /** Up to 255 characters. */
  outcome?: InputMaybe<Scalars['String']['input']>;
  startedAt: Scalars['DateTime']['input'];
  /** Up to 32,000 characters. */
  summary?: InputMaybe<Scalars['String']['input']>;
};

export type LogCallResult = IdempotencyConflictError | LogCallSuccess | NotFoundError | ValidationError;

export type LogCallSuccess = {
  __typename?: 'LogCallSuccess';
  call: Call;
  replayed: Scalars['Boolean']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Opens a case for a customer, or for a caller with no record (from the supplied
   * name, phone and email). A retry with the same idempotencyKey answers the case
   * the first one created and never creates a second.
   */
  createCase: CreateCaseResult;
  /** Logs a call, typically as it ends. */
  logCall: LogCallResult;
  /**
   * Records what the customer said about being contacted on a channel, in the
   * org's consent fields, with an audit trail (who, when, how).
   */
  recordConsent: RecordConsentResult;
  /**
   * Sends a customer an SMS or an email, once their consent allows it, and records
   * it in Salesforce as a follow-up. A retry with the same idempotencyKey answers the
   * first follow-up and never sends the message twice.
   */
  sendFollowUp: SendFollowUpResult;
  /** Changes a case's status or priority and/or adds a comment. */
  updateCase: UpdateCaseResult;
};


export type MutationCreateCaseArgs = {
  input: CreateCaseInput;
};


export type MutationLogCallArgs = {
  input: LogCallInput;
};


export type MutationRecordConsentArgs = {
  input: RecordConsentInput;
};


export type MutationSendFollowUpArgs = {
  input: SendFollowUpInput;
};


export type MutationUpdateCaseArgs = {
  input: UpdateCaseInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

/** A record that the input names does not exist; nothing was written. */
export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  id: Scalars['ID']['output'];
  message: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PhoneField =
  | 'ACCOUNT_PHONE'
  | 'HOME_PHONE'
  | 'MOBILE_PHONE'
  | 'OTHER_PHONE'
  | 'PHONE';

export type PhoneLookup = {
  __typename?: 'PhoneLookup';
  /** The match to use without asking, present only when outcome is UNIQUE_MATCH. */
  bestMatch?: Maybe<PhoneMatch>;
  /** Matching customers, best first, at most `first` of them. */
  matches: Array<PhoneMatch>;
  outcome: PhoneLookupOutcome;
  /** The number looked up, in E.164 form; null when it could not be parsed. */
  phone?: Maybe<Scalars['String']['output']>;
  /** How many customers matched in all. */
  totalCount: Scalars['Int']['output'];
};

export type PhoneLookupOutcome =
  /** The number could not be parsed (withheld, too short, not a number). */
  | 'INVALID_NUMBER'
  /** Several customers matched, or only an account phone matched. */
  | 'MULTIPLE_MATCHES'
  | 'NO_MATCH'
  /** Exactly one customer matched on one of their own numbers. */
  | 'UNIQUE_MATCH';

export type PhoneMatch = {
  __typename?: 'PhoneMatch';
  customer: Customer;
  /** Which of the customer's numbers matched. */
  field: PhoneField;
  /** The Salesforce field that matched, e.g. MobilePhone or Account.Phone; for a phone field of the org's own (e.g. WhatsApp__c), `field` is OTHER_PHONE. */
  salesforceField: Scalars['String']['output'];
};

export type PicklistValue = {
  __typename?: 'PicklistValue';
  isDefault: Scalars['Boolean']['output'];
  label: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** A case by its Id; null when none has it. */
  case?: Maybe<Case>;
  /**
   * A case by its number. Leading zeros may be left out ("1026" finds
   * "00001026"). With customerId, a case of another customer is null.
   */
  caseByNumber?: Maybe<Case>;
  /** The statuses, priorities and origins createCase and updateCase accept, from the org's Case picklists. */
  caseOptions?: Maybe<CaseOptions>;
  /** A customer by their Contact Id; null when none has it. */
  customer?: Maybe<Customer>;
  /**
   * Customers with a number that matches the given one, whatever format it is
   * stored in. Made for the caller ID of a live call: an unusable number is the
   * outcome INVALID_NUMBER, not an error.
   */
  customersByPhone?: Maybe<PhoneLookup>;
  /** Any record the API shows, by its Id; null when none has it. */
  node?: Maybe<Node>;
  /** Customers whose name, email or phone matches the search text. */
  searchCustomers?: Maybe<CustomerConnection>;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCaseByNumberArgs = {
  caseNumber: Scalars['String']['input'];
  customerId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomersByPhoneArgs = {
  first?: Scalars['Int']['input'];
  phone: Scalars['String']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySearchCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  text: Scalars['String']['input'];
};

export type RecordConsentInput = {
  channel: ConsentChannel;
  customerId: Scalars['ID']['input'];
  /** The call on which it was said, when there is one. */
  externalCallId?: InputMaybe<Scalars['String']['input']>;
  /** Unique per statement (up to 64 characters). */
  idempotencyKey: Scalars['String']['input'];
  /**
   * How the customer said it, kept for audit (up to 255 characters), e.g.
   * "said yes to texts on an inbound call".
   */
  source: Scalars['String']['input'];
  /** OPTED_IN or OPTED_OUT; UNKNOWN is refused. */
  status: ConsentStatus;
};

export type RecordConsentResult = IdempotencyConflictError | NotFoundError | RecordConsentSuccess | ValidationError;

export type RecordConsentSuccess = {
  __typename?: 'RecordConsentSuccess';
  /** The customer with their consent as it now stands. */
  customer: Customer;
  replayed: Scalars['Boolean']['output'];
};

export type SendFollowUpInput = {
  /** At most 1,600 characters for SMS. */
  body: Scalars['String']['input'];
  caseId?: InputMaybe<Scalars['ID']['input']>;
  channel: FollowUpChannel;
  customerId: Scalars['ID']['input'];
  /**
   * Unique per message (up to 64 characters). Retrying with the same key returns
   * the first follow-up and never sends the message twice.
   */
  idempotencyKey: Scalars['String']['input'];
  /** Required for EMAIL. */
  subject?: InputMaybe<Scalars['String']['input']>;
  /**
   * One of the customer's own stored numbers (SMS) or their email (EMAIL), in any
   * format. Defaults to the mobile, then the phone, for SMS; the email for EMAIL.
   */
  to?: InputMaybe<Scalars['String']['input']>;
};

export type SendFollowUpResult = ConsentError | DeliveryError | IdempotencyConflictError | NotFoundError | SendFollowUpSuccess | ValidationError;

export type SendFollowUpSuccess = {
  __typename?: 'SendFollowUpSuccess';
  followUp: FollowUp;
  replayed: Scalars['Boolean']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * What voice agents do on live calls, as they do it: a caller identified, a case
   * created or updated, consent recorded, a follow-up sent, a call logged. Only
   * customerId's activity when it is given. Costs no Salesforce call.
   */
  agentActivity: AgentActivity;
  /**
   * The customer as they are now, at once, and then again within seconds of every
   * change to them, their account, cases, follow-ups or calls, whether made in
   * Salesforce by anyone or through this gateway. Subscribers of one customer share
   * each re-read.
   */
  customerUpdated: Customer;
};


export type SubscriptionAgentActivityArgs = {
  customerId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionCustomerUpdatedArgs = {
  customerId: Scalars['ID']['input'];
};

export type UpdateCaseInput = {
  caseId: Scalars['ID']['input'];
  /** Added to the case as a CaseComment; the description is never overwritten. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** Whether the comment is visible to the customer. Default false. */
  commentIsPublic?: Scalars['Boolean']['input'];
  /** Unique per change (up to 64 characters). A retry never applies the change twice. */
  idempotencyKey: Scalars['String']['input'];
  /** A value of the org's Case.Priority picklist. */
  priority?: InputMaybe<Scalars['String']['input']>;
  /** A value of the org's Case.Status picklist. */
  status?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateCaseResult = IdempotencyConflictError | NotFoundError | UpdateCaseSuccess | ValidationError;

export type UpdateCaseSuccess = {
  __typename?: 'UpdateCaseSuccess';
  case: Case;
  /** The comment this update added, if it had one. */
  comment?: Maybe<CaseComment>;
  replayed: Scalars['Boolean']['output'];
};

/** The input was refused; nothing was written. */
export type ValidationError = Error & {
  __typename?: 'ValidationError';
  fieldErrors: Array<FieldError>;
  message: Scalars['String']['output'];
};

export type NestedSearchQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type NestedSearchQuery = { __typename?: 'Query', searchCustomers?: { __typename?: 'CustomerConnection', edges: Array<{ __typename?: 'CustomerEdge', node: { __typename?: 'Customer', name: string, account?: { __typename?: 'Account', name: string } | null, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', subject?: string | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', body: string } }> } | null } }> } | null } }> } | null };

export type NestedPhoneQueryVariables = Exact<{
  phone: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type NestedPhoneQuery = { __typename?: 'Query', customersByPhone?: { __typename?: 'PhoneLookup', matches: Array<{ __typename?: 'PhoneMatch', customer: { __typename?: 'Customer', name: string, account?: { __typename?: 'Account', name: string } | null, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', subject?: string | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', body: string } }> } | null } }> } | null } }> } | null };

export type FollowUpsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FollowUpsQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', name: string, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', id: string, channel: FollowUpChannel, to: string, subject?: string | null, body: string, status: FollowUpStatus, createdAt: string, customer?: { __typename?: 'Customer', name: string } | null, case?: { __typename?: 'Case', caseNumber: string } | null } }> } | null } | null };

export type OneTripQueryVariables = Exact<{
  phone: Scalars['String']['input'];
}>;


export type OneTripQuery = { __typename?: 'Query', customersByPhone?: { __typename?: 'PhoneLookup', outcome: PhoneLookupOutcome, bestMatch?: { __typename?: 'PhoneMatch', customer: { __typename?: 'Customer', id: string, name: string, account?: { __typename?: 'Account', name: string } | null, consent: { __typename?: 'Consent', sms: ConsentStatus, email: ConsentStatus, call: ConsentStatus }, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', caseNumber: string, subject?: string | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', channel: FollowUpChannel, status: FollowUpStatus } }> } | null } }> } | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', channel: FollowUpChannel, to: string, status: FollowUpStatus } }> } | null } } | null } | null };

export type CustomerCasesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  status?: InputMaybe<CaseStatusFilter>;
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomerCasesQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', cursor: string, node: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, status: string, isClosed: boolean, createdAt: string, closedAt?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null } } | null } | null };

export type CaseByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CaseByIdQuery = { __typename?: 'Query', case?: { __typename?: 'Case', id: string, salesforceId: string, caseNumber: string, subject?: string | null, description?: string | null, status: string, priority?: string | null, origin?: string | null, isClosed: boolean, createdAt: string, closedAt?: string | null, customer?: { __typename?: 'Customer', id: string, name: string } | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', id: string, channel: FollowUpChannel, to: string, body: string, status: FollowUpStatus } }> } | null } | null };

export type ByNumberQueryVariables = Exact<{
  caseNumber: Scalars['String']['input'];
  customerId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ByNumberQuery = { __typename?: 'Query', caseByNumber?: { __typename?: 'Case', id: string, caseNumber: string } | null };

export type CreateCaseMutationVariables = Exact<{
  input: CreateCaseInput;
}>;


export type CreateCaseMutation = { __typename?: 'Mutation', createCase:
    | { __typename: 'CreateCaseSuccess', replayed: boolean, case: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, description?: string | null, status: string, priority?: string | null, origin?: string | null, isClosed: boolean, customer?: { __typename?: 'Customer', id: string } | null } }
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'NotFoundError', message: string, id: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type CreateThenReadMutationVariables = Exact<{
  input: CreateCaseInput;
}>;


export type CreateThenReadMutation = { __typename?: 'Mutation', createCase:
    | { __typename?: 'CreateCaseSuccess', case: { __typename?: 'Case', id: string, customer?: { __typename?: 'Customer', cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string } }> } | null } | null } }
    | { __typename?: 'IdempotencyConflictError' }
    | { __typename?: 'NotFoundError' }
    | { __typename?: 'ValidationError' }
   };

export type CustomerByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CustomerByIdQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, salesforceId: string, firstName?: string | null, lastName: string, name: string, email?: string | null, phone?: string | null, mobilePhone?: string | null, account?: { __typename?: 'Account', id: string, name: string, phone?: string | null } | null, consent: { __typename?: 'Consent', email: ConsentStatus, sms: ConsentStatus, call: ConsentStatus } } | null };

export type PhoneLookupQueryVariables = Exact<{
  phone: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
}>;


export type PhoneLookupQuery = { __typename?: 'Query', customersByPhone?: { __typename?: 'PhoneLookup', phone?: string | null, outcome: PhoneLookupOutcome, totalCount: number, bestMatch?: { __typename?: 'PhoneMatch', field: PhoneField, customer: { __typename?: 'Customer', id: string, name: string } } | null, matches: Array<{ __typename?: 'PhoneMatch', field: PhoneField, customer: { __typename?: 'Customer', id: string, name: string } }> } | null };

export type SearchQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SearchQuery = { __typename?: 'Query', searchCustomers?: { __typename?: 'CustomerConnection', edges: Array<{ __typename?: 'CustomerEdge', cursor: string, node: { __typename?: 'Customer', id: string, name: string, email?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null } } | null };

export type NodeByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NodeByIdQuery = { __typename?: 'Query', node?:
    | { __typename: 'Account', name: string, id: string }
    | { __typename: 'Call', id: string }
    | { __typename: 'Case', caseNumber: string, id: string }
    | { __typename: 'CaseComment', id: string }
    | { __typename: 'Customer', name: string, id: string }
    | { __typename: 'FollowUp', channel: FollowUpChannel, id: string }
   | null };

export type SendMutationVariables = Exact<{
  input: SendFollowUpInput;
}>;


export type SendMutation = { __typename?: 'Mutation', sendFollowUp:
    | { __typename: 'ConsentError', channel: FollowUpChannel, message: string }
    | { __typename: 'DeliveryError', channel: FollowUpChannel, message: string, failed: { __typename?: 'FollowUp', id: string, status: FollowUpStatus, to: string } }
    | { __typename: 'IdempotencyConflictError', reason: IdempotencyConflictReason, message: string }
    | { __typename: 'NotFoundError', id: string, message: string }
    | { __typename: 'SendFollowUpSuccess', replayed: boolean, followUp: { __typename?: 'FollowUp', id: string, channel: FollowUpChannel, to: string, subject?: string | null, body: string, status: FollowUpStatus, customer?: { __typename?: 'Customer', id: string } | null, case?: { __typename?: 'Case', id: string } | null } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type FollowUpStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FollowUpStatusQuery = { __typename?: 'Query', node?:
    | { __typename?: 'Account' }
    | { __typename?: 'Call' }
    | { __typename?: 'Case' }
    | { __typename?: 'CaseComment' }
    | { __typename?: 'Customer' }
    | { __typename?: 'FollowUp', status: FollowUpStatus }
   | null };

export type ResilienceContextQueryVariables = Exact<{
  phone: Scalars['String']['input'];
}>;


export type ResilienceContextQuery = { __typename?: 'Query', customersByPhone?: { __typename?: 'PhoneLookup', outcome: PhoneLookupOutcome, bestMatch?: { __typename?: 'PhoneMatch', customer: { __typename?: 'Customer', name: string, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', caseNumber: string, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', status: FollowUpStatus } }> } | null } }> } | null } } | null } | null };

export type ResilienceCustomerQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResilienceCustomerQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', name: string } | null };

export type ResilienceCreateMutationVariables = Exact<{
  input: CreateCaseInput;
}>;


export type ResilienceCreateMutation = { __typename?: 'Mutation', createCase:
    | { __typename: 'CreateCaseSuccess', replayed: boolean, case: { __typename?: 'Case', id: string } }
    | { __typename: 'IdempotencyConflictError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'ValidationError' }
   };

export type SecurityCreateMutationVariables = Exact<{
  input: CreateCaseInput;
}>;


export type SecurityCreateMutation = { __typename?: 'Mutation', createCase:
    | { __typename: 'CreateCaseSuccess', case: { __typename?: 'Case', id: string } }
    | { __typename: 'IdempotencyConflictError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'ValidationError' }
   };


export const NestedSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NestedSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NestedSearchQuery, NestedSearchQueryVariables>;
export const NestedPhoneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NestedPhone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customersByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NestedPhoneQuery, NestedPhoneQueryVariables>;
export const FollowUpsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowUps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowUpsQuery, FollowUpsQueryVariables>;
export const OneTripDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OneTrip"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customersByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"bestMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"call"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OneTripQuery, OneTripQueryVariables>;
export const CustomerCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseStatusFilter"}},"defaultValue":{"kind":"EnumValue","value":"ALL"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isClosed"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerCasesQuery, CustomerCasesQueryVariables>;
export const CaseByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"salesforceId"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"isClosed"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CaseByIdQuery, CaseByIdQueryVariables>;
export const ByNumberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ByNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}}]} as unknown as DocumentNode<ByNumberQuery, ByNumberQueryVariables>;
export const CreateCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"isClosed"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCaseMutation, CreateCaseMutationVariables>;
export const CreateThenReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateThenRead"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateThenReadMutation, CreateThenReadMutationVariables>;
export const CustomerByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"salesforceId"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"call"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerByIdQuery, CustomerByIdQueryVariables>;
export const PhoneLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhoneLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customersByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"bestMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PhoneLookupQuery, PhoneLookupQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FollowUp"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const SendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Send"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendFollowUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendFollowUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SendFollowUpSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"followUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConsentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveryError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","alias":{"kind":"Name","value":"failed"},"name":{"kind":"Name","value":"followUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SendMutation, SendMutationVariables>;
export const FollowUpStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowUpStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FollowUp"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<FollowUpStatusQuery, FollowUpStatusQueryVariables>;
export const ResilienceContextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResilienceContext"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customersByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"bestMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResilienceContextQuery, ResilienceContextQueryVariables>;
export const ResilienceCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResilienceCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ResilienceCustomerQuery, ResilienceCustomerQueryVariables>;
export const ResilienceCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResilienceCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResilienceCreateMutation, ResilienceCreateMutationVariables>;
export const SecurityCreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SecurityCreate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SecurityCreateMutation, SecurityCreateMutationVariables>;