/** Who is calling: the API key's name and role. */
export type Role = 'agent' | 'designer' | 'frontend';
export const ROLES: readonly Role[] = ['agent', 'designer', 'frontend'];

export interface Principal {
  /** The key's name: logs, rate limits and idempotency keys are scoped to it. */
  name: string;
  role: Role;
}
