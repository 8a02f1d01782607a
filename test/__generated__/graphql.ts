/* eslint-disable */
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

/** The values that the org's Case picklists accept, read from Salesforce. */
export type CaseOptions = {
  __typename?: 'CaseOptions';
  origins: Array<PicklistValue>;
  priorities: Array<PicklistValue>;
  statuses: Array<PicklistValue>;
};

export type PicklistValue = {
  __typename?: 'PicklistValue';
  isDefault: Scalars['Boolean']['output'];
  label: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type Query = {
  __typename?: 'Query';
  caseOptions?: Maybe<CaseOptions>;
};
