/**
 * The documentation a newcomer reads: the README is a short front door, and every relative link in
 * it and in the reference pages resolves to a file of this repository (a user's clone included: no
 * link leaves it for ../shared).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url);
const PAGES = [
  'README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'emulator/README.md',
  'integrations/polyai/README.md',
];

/** The targets of a page's Markdown links that point into the repository. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
}

describe('the documentation', () => {
  it('has a README under 150 lines that leads to every reference page', () => {
    const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
    expect(readme.split('\n').length).toBeLessThan(150);
    for (const page of PAGES.filter((p) => p.startsWith('docs/'))) expect(readme, page).toContain(`](${page})`);
  });

  it.each(PAGES)('%s: every relative link resolves, and none leaves the repository', (page) => {
    const text = readFileSync(new URL(page, ROOT), 'utf8');
    for (const link of relativeLinks(text)) {
      const target = new URL(link.split('#')[0]!, new URL(page, ROOT));
      expect(target.href.startsWith(ROOT.href), `${page} → ${link}`).toBe(true);
      expect(existsSync(target), `${page} → ${link}`).toBe(true);
    }
  });
});
