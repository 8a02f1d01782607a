/** docs/configuration.md's table and the variables the config schema reads are the same set. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../src/config';

const section = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);

describe('the configuration table (docs/configuration.md)', () => {
  it('documents every variable the code reads, and no other', () => {
    expect(documented.length).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
