/**
 * Salesforce-shaped REST errors: a JSON array of `{ message, errorCode, fields? }` with the HTTP
 * status the real API uses (docs/salesforce-facts.md#rest-conventions-and-errors). `fields` is present on DML errors and absent on
 * query errors.
 */
export interface SfErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errors: SfErrorItem[],
  ) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }

  static one(status: number, errorCode: string, message: string, fields?: string[]): SfError {
    return new SfError(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);
  }

  /** The first error's code, for quick checks. */
  get errorCode(): string {
    return this.errors[0]?.errorCode ?? 'UNKNOWN_EXCEPTION';
  }
}

export const malformedQuery = (message: string) => SfError.one(400, 'MALFORMED_QUERY', message);
export const malformedSearch = (message: string) => SfError.one(400, 'MALFORMED_SEARCH', message);
export const notFound = (message = 'The requested resource does not exist') => SfError.one(404, 'NOT_FOUND', message);

/** `sObject type 'X' is not supported` (REST wording unverified: docs/salesforce-facts.md#rest-conventions-and-errors). */
export const invalidType = (name: string) =>
  SfError.one(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const sessionInvalid = () => SfError.one(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const limitExceeded = () => SfError.one(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
