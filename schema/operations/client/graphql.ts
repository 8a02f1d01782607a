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

export type AddToCaseMutationVariables = Exact<{
  input: UpdateCaseInput;
}>;


export type AddToCaseMutation = { __typename?: 'Mutation', updateCase:
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'UpdateCaseSuccess', replayed: boolean, case: { __typename?: 'Case', id: string, caseNumber: string, status: string, priority?: string | null }, comment?: { __typename?: 'CaseComment', id: string } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type AgentActivitySubscriptionVariables = Exact<{
  customerId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type AgentActivitySubscription = { __typename?: 'Subscription', agentActivity: { __typename?: 'AgentActivity', at: string, kind: AgentActivityKind, customerId?: string | null, caseId?: string | null, client: string, summary: string } };

export type CallerLookupQueryVariables = Exact<{
  phone: Scalars['String']['input'];
}>;


export type CallerLookupQuery = { __typename?: 'Query', customersByPhone?: { __typename?: 'PhoneLookup', phone?: string | null, outcome: PhoneLookupOutcome, totalCount: number, bestMatch?: { __typename?: 'PhoneMatch', field: PhoneField, customer: { __typename?: 'Customer', id: string, firstName?: string | null, name: string, account?: { __typename?: 'Account', name: string } | null, consent: { __typename?: 'Consent', sms: ConsentStatus, email: ConsentStatus, call: ConsentStatus }, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, status: string, priority?: string | null, createdAt: string } }> } | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', channel: FollowUpChannel, status: FollowUpStatus, createdAt: string } }> } | null } } | null, matches: Array<{ __typename?: 'PhoneMatch', field: PhoneField, customer: { __typename?: 'Customer', id: string, name: string } }> } | null };

export type CaseByNumberQueryVariables = Exact<{
  caseNumber: Scalars['String']['input'];
  customerId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type CaseByNumberQuery = { __typename?: 'Query', caseByNumber?: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, status: string, priority?: string | null, createdAt: string, comments?: { __typename?: 'CaseCommentConnection', edges: Array<{ __typename?: 'CaseCommentEdge', node: { __typename?: 'CaseComment', body: string, isPublic: boolean, createdAt: string } }> } | null } | null };

export type CaseOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type CaseOptionsQuery = { __typename?: 'Query', caseOptions?: { __typename?: 'CaseOptions', statuses: Array<{ __typename?: 'PicklistValue', value: string, label: string, isDefault: boolean }>, priorities: Array<{ __typename?: 'PicklistValue', value: string, label: string, isDefault: boolean }>, origins: Array<{ __typename?: 'PicklistValue', value: string, label: string, isDefault: boolean }> } | null };

export type CreateCaseMutationVariables = Exact<{
  input: CreateCaseInput;
}>;


export type CreateCaseMutation = { __typename?: 'Mutation', createCase:
    | { __typename: 'CreateCaseSuccess', replayed: boolean, case: { __typename?: 'Case', id: string, caseNumber: string, status: string, priority?: string | null } }
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type CustomerContextQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CustomerContextQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, name: string, email?: string | null, mobilePhone?: string | null, account?: { __typename?: 'Account', name: string } | null, consent: { __typename?: 'Consent', sms: ConsentStatus, email: ConsentStatus, call: ConsentStatus }, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, status: string, priority?: string | null, createdAt: string, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', channel: FollowUpChannel, status: FollowUpStatus } }> } | null } }> } | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', channel: FollowUpChannel, to: string, status: FollowUpStatus, createdAt: string } }> } | null, calls?: { __typename?: 'CallConnection', edges: Array<{ __typename?: 'CallEdge', node: { __typename?: 'Call', direction: CallDirection, startedAt: string, durationSeconds: number, outcome?: string | null } }> } | null } | null };

export type CustomerUpdatedSubscriptionVariables = Exact<{
  customerId: Scalars['ID']['input'];
}>;


export type CustomerUpdatedSubscription = { __typename?: 'Subscription', customerUpdated: { __typename?: 'Customer', id: string, name: string, phone?: string | null, email?: string | null, account?: { __typename?: 'Account', id: string, name: string } | null, cases?: { __typename?: 'CaseConnection', edges: Array<{ __typename?: 'CaseEdge', node: { __typename?: 'Case', id: string, caseNumber: string, subject?: string | null, status: string, priority?: string | null } }> } | null, followUps?: { __typename?: 'FollowUpConnection', edges: Array<{ __typename?: 'FollowUpEdge', node: { __typename?: 'FollowUp', id: string, channel: FollowUpChannel, status: FollowUpStatus, createdAt: string } }> } | null, calls?: { __typename?: 'CallConnection', edges: Array<{ __typename?: 'CallEdge', node: { __typename?: 'Call', id: string, direction: CallDirection, startedAt: string, durationSeconds: number, summary?: string | null } }> } | null } };

export type LogCallMutationVariables = Exact<{
  input: LogCallInput;
}>;


export type LogCallMutation = { __typename?: 'Mutation', logCall:
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'LogCallSuccess', replayed: boolean, call: { __typename?: 'Call', id: string } }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;


export type RecordConsentMutation = { __typename?: 'Mutation', recordConsent:
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'RecordConsentSuccess', replayed: boolean, customer: { __typename?: 'Customer', id: string, consent: { __typename?: 'Consent', sms: ConsentStatus, email: ConsentStatus, call: ConsentStatus } } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };

export type SearchCustomersQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SearchCustomersQuery = { __typename?: 'Query', searchCustomers?: { __typename?: 'CustomerConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'CustomerEdge', node: { __typename?: 'Customer', id: string, name: string, email?: string | null, mobilePhone?: string | null, account?: { __typename?: 'Account', name: string } | null } }> } | null };

export type SendFollowUpMutationVariables = Exact<{
  input: SendFollowUpInput;
}>;


export type SendFollowUpMutation = { __typename?: 'Mutation', sendFollowUp:
    | { __typename: 'ConsentError', message: string, channel: FollowUpChannel, consentStatus: ConsentStatus }
    | { __typename: 'DeliveryError', message: string, channel: FollowUpChannel, followUp: { __typename?: 'FollowUp', id: string, status: FollowUpStatus } }
    | { __typename: 'IdempotencyConflictError', message: string, reason: IdempotencyConflictReason }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SendFollowUpSuccess', replayed: boolean, followUp: { __typename?: 'FollowUp', id: string, channel: FollowUpChannel, to: string, status: FollowUpStatus } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ __typename?: 'FieldError', field: string, code: FieldErrorCode, message: string }> }
   };


export const AddToCaseDocument = {"__meta__":{"hash":"7ef0aa1b2cac1828ab37afd90d3dd6150a3a9772fbb1e648c0f997bcf21ed64a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<AddToCaseMutation, AddToCaseMutationVariables>;
export const AgentActivityDocument = {"__meta__":{"hash":"49d1f827ea8f9c1a86a0a95da5c15c91cad1ab2feaf3b08d3445c7f08ab8301c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AgentActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"client"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]} as unknown as DocumentNode<AgentActivitySubscription, AgentActivitySubscriptionVariables>;
export const CallerLookupDocument = {"__meta__":{"hash":"8a7f1e83c44da66a66e45a3d98f5a790be6ada96a185b7ad128125b906b12eb4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallerLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customersByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"bestMatch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"call"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"matches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CallerLookupQuery, CallerLookupQueryVariables>;
export const CaseByNumberDocument = {"__meta__":{"hash":"e352ba9166744b5c3e709ca8fe4c8e4036838a57c4b3b06e21173e782532bbb9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseByNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"isPublic"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CaseByNumberQuery, CaseByNumberQueryVariables>;
export const CaseOptionsDocument = {"__meta__":{"hash":"6673a16068b32f985164d6846c775f06a17274ee5c5e02769e2ad4c7b652f53c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statuses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priorities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"origins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]}}]} as unknown as DocumentNode<CaseOptionsQuery, CaseOptionsQueryVariables>;
export const CreateCaseDocument = {"__meta__":{"hash":"c765860b42486f9863082057e0e696dd578079985c179b5a8243115644fe7861"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCaseSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCaseMutation, CreateCaseMutationVariables>;
export const CustomerContextDocument = {"__meta__":{"hash":"f6f61885450569e3885cc0b91b1641da0802d5f217580f4c750e7608a6de38fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerContext"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"call"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerContextQuery, CustomerContextQueryVariables>;
export const CustomerUpdatedDocument = {"__meta__":{"hash":"a0fc488b55c58be6b63223ed178e2a0abfa5352cbb23a0bd06d178d582dce59a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CustomerUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"OPEN"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"followUps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerUpdatedSubscription, CustomerUpdatedSubscriptionVariables>;
export const LogCallDocument = {"__meta__":{"hash":"79e9e59c20e066a3482167b87755bc7c3c397ab2db642908f854f26e7f0807bb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogCallInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logCall"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LogCallSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"call"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<LogCallMutation, LogCallMutationVariables>;
export const RecordConsentDocument = {"__meta__":{"hash":"781a0401f65c1b33eb7b57877cb258f639a15df457148a25ffc0359287354100"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordConsentSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"call"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<RecordConsentMutation, RecordConsentMutationVariables>;
export const SearchCustomersDocument = {"__meta__":{"hash":"a1ae1b71d8e0dfd95c12ae516b542452e037879cfb1be75625bc67333f986503"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"mobilePhone"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchCustomersQuery, SearchCustomersQueryVariables>;
export const SendFollowUpDocument = {"__meta__":{"hash":"61f669f7b87227863086ca9325ba4541955ea89e2758580e9ebb3bbd5af5ac5f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendFollowUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendFollowUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendFollowUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SendFollowUpSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"followUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeliveryError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"followUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConsentError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"consentStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<SendFollowUpMutation, SendFollowUpMutationVariables>;