/**
 * The org file (`SALESFORCE_ORG_FILE`, docs/your-org.md): an org's own shape, as its
 * administrator declares it. Its format is checked here, at configuration time; its fields are
 * checked against describe when the gateway starts (services/org-shape.ts).
 *
 * ```json
 * {
 *   "fields": { "Customer": { "loyaltyTier": "Loyalty_Tier__c" }, "Account": {}, "Case": { "productLine": "Product_Line__c" } },
 *   "phoneFields": ["MobilePhone", "Phone", "WhatsApp__c"],
 *   "caseDefaults": { "Product_Line__c": "General" }
 * }
 * ```
 */
import { z } from 'zod';
import { section, text } from './values';

const graphqlName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'must be a GraphQL field name such as loyaltyTier');
const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}(__c|__pc)?$/, 'must be a field API name such as Loyalty_Tier__c');
const fieldsOf = z.record(graphqlName, apiName);

const orgFile = z
  .object({
    /** Per GraphQL type (Customer is the Contact), GraphQL name → Salesforce field. */
    fields: z.object({ Customer: fieldsOf, Account: fieldsOf, Case: fieldsOf }).partial().strict().default({}),
    /** Contact phone fields the lookup searches, best first. @default MobilePhone, Phone, HomePhone, OtherPhone */
    phoneFields: z.array(apiName).min(1).max(10).optional(),
    /** Values for required Case fields that the agent never asks about. */
    caseDefaults: z.record(apiName, z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .strict();

export type OrgFile = z.output<typeof orgFile>;

/** Reads and checks an org file; the problems name the file's own paths, never a value. */
export function readOrgFile(path: string, readFile: (path: string) => string): { file: OrgFile } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFile(path));
  } catch {
    return { problems: ['cannot be read as JSON'] };
  }
  const parsed = orgFile.safeParse(raw);
  return parsed.success ? { file: parsed.data } : { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(the file)'}: ${i.message}`) };
}

/** The org file section: null when none is named. */
export function orgShape(readFile: (path: string) => string) {
  return section({ path: ['SALESFORCE_ORG_FILE', text] }).transform((s, ctx) => {
    if (!s.path) return null;
    const read = readOrgFile(s.path, readFile);
    if ('file' in read) return read.file;
    for (const p of read.problems) ctx.addIssue({ code: 'custom', path: ['SALESFORCE_ORG_FILE'], message: p });
    return z.NEVER;
  });
}
