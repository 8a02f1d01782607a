/**
 * The audit Task a write leaves on the record it changed: who (the API key's name), when, what,
 * readable by people in Salesforce. updateCase and recordConsent key it, so that it also makes
 * their change exactly-once.
 */
import type { ServiceDeps } from './context';

export interface Audit {
  subject: string;
  /** What changed, one fact a line. */
  lines: string[];
  whoId: string | null;
  whatId: string | null;
}

export function auditTask(deps: Pick<ServiceDeps, 'clientId' | 'clock'>, audit: Audit): Record<string, unknown> {
  const now = new Date((deps.clock ?? Date.now)());
  const description = [...audit.lines, `By: ${deps.clientId} (customer gateway)`, `At: ${now.toISOString()}`].join('\n');
  return {
    Subject: audit.subject.slice(0, 255),
    Description: description,
    Status: 'Completed',
    Priority: 'Normal',
    TaskSubtype: 'Task',
    ActivityDate: now.toISOString().slice(0, 10),
    ...(audit.whoId ? { WhoId: audit.whoId } : {}),
    ...(audit.whatId ? { WhatId: audit.whatId } : {}),
  };
}
