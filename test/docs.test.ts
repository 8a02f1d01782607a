/**
 * The documentation a newcomer reads: the README is a short front door, and every relative link in
 * it and in the reference pages resolves to a file of this repository (a user's clone included: no
 * link leaves it for ../shared). The code's citations resolve too: a comment or lint message
 * names a page of docs/ (and its section), never a document the repository does not hold.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Every file of the code (not the docs): comments and lint messages are where citations hide. */
function codeFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(new URL(dir, ROOT))) {
      const path = `${dir}${name}`;
      if (name === 'node_modules' || name === '__generated__') continue;
      if (statSync(new URL(path, ROOT)).isDirectory()) walk(`${path}/`);
      else if (/\.(ts|js|py|json|graphql|yml)$/.test(name)) out.push(path);
    }
  };
  for (const dir of ['src/', 'test/', 'bench/', 'emulator/src/', 'emulator/test/', 'emulator/bin/', 'integrations/', '.ci/', 'ops/']) walk(dir);
  return [...out, 'eslint.config.js', 'vitest.config.ts', 'codegen.ts', 'Dockerfile', 'compose.yaml', 'gateway.env.example'];
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

describe('citations in the code', () => {
  const files = codeFiles();

  it('name no document outside the repository: no tracker issue, no outside reference section, no outside style guide', () => {
    const outside = [
      /\b[Ii]ssue (\d|")/, // the tracker: say it in place
      /\u00a7/, // a section sign: sections of documents this repository does not hold
      /\bSTY[L]E (rule|\u00a7)/,
      /shared\/(reference|STY[L]E)/,
    ];
    const found = files.flatMap((f) =>
      readFileSync(new URL(f, ROOT), 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.some((p) => p.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('that name a docs page name one that exists, and a section it has', () => {
    const cited = files.flatMap((f) =>
      [
        ...readFileSync(new URL(f, ROOT), 'utf8').matchAll(
          /\b(docs\/[\w./-]+\.md|emulator\/README\.md|integrations\/polyai\/README\.md)(?:#([\w-]+)|, "([^"]+)")?/g,
        ),
      ].map((m) => ({
        f,
        page: m[1]!,
        anchor: m[2],
        // A heading quoted across a comment's lines, as one line.
        heading: m[3]?.replace(/\s*\n\s*(?:\*|\/\/|#)?\s*/g, ' '),
      })),
    );
    expect(cited.length).toBeGreaterThan(40);
    const broken: string[] = [];
    for (const { f, page, anchor, heading } of cited) {
      const file = new URL(page, ROOT);
      if (!existsSync(file)) {
        broken.push(`${f}: ${page}`);
        continue;
      }
      const headings = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#+\s*/, ''));
      if (anchor && !headings.map(slug).includes(anchor)) broken.push(`${f}: ${page}#${anchor}`);
      if (heading && !headings.includes(heading)) broken.push(`${f}: ${page}, "${heading}"`);
    }
    expect(broken).toEqual([]);
  });
});
