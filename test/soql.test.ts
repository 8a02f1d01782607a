import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { normaliseId, objectOf } from '../src/domain/ids';
import {
  anyOf,
  assertId,
  chunk,
  digitsTerm,
  eq,
  idIn,
  idList,
  isTrue,
  literal,
  notNull,
  olderThan,
  search,
  searchText,
  select,
  soslTerm,
  stringList,
  subquery,
  textIn,
} from '../src/salesforce/soql';

/** The value the SOQL parser reads back from `Name = <literal>`, unescaped. */
function roundTrip(value: string): string {
  const where = parseQuery(`SELECT Id FROM Contact WHERE Name = ${literal(value)}`).where!;
  const raw = (where.left as { value: string }).value;
  return raw.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
}

describe('literal', () => {
  it.each([
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ["x\\' OR Name != null OR Name = \\'", "'x\\\\\\' OR Name != null OR Name = \\\\\\''"],
    ['line\nbreak\ttab', "'line\\nbreak\\ttab'"],
    ['say "hi"', '\'say \\"hi\\"\''],
    ['bell\u0007', "'bell'"],
    ['Zoë 名前', "'Zoë 名前'"],
  ])('%j → %s', (input, expected) => {
    expect(literal(input)).toBe(expected);
  });

  it.each(["O'Brien", "x\\' OR Name != null OR Name = \\'", '\\', "'", "\\'", 'a\nb', '%_'])('keeps %j as one literal that parses back to itself', (input) => {
    const soql = `SELECT Id FROM Contact WHERE Name = ${literal(input)} AND Email = 'x'`;
    const where = parseQuery(soql).where!;
    expect((where.left as { field: string }).field).toBe('Name');
    expect((where as { right: { left: { field: string } } }).right.left.field).toBe('Email');
    expect(roundTrip(input)).toBe(input);
  });

  it('checks Ids and builds IN lists; refuses anything else', () => {
    expect(idList(['003D000000QV9n2', '001D000000IRFmaIAH'])).toBe("('003D000000QV9n2IAD', '001D000000IRFmaIAH')");
    expect(() => assertId("003' OR Id != '")).toThrow('not a Salesforce Id');
    expect(() => idList(['003D000000QV9n2IAX'])).toThrow();
    expect(stringList(["a'b", 'c'])).toBe("('a\\'b', 'c')");
  });

  it('chunks lists', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk(Array.from({ length: 600 }, (_, i) => i)).map((c) => c.length)).toEqual([250, 250, 100]);
  });
});

describe('soslTerm', () => {
  it.each([
    ["O'Brien", "O\\'Brien"],
    ['Berners-Lee', 'Berners\\-Lee'],
    ['{}', '\\{\\}'],
    ['*', '\\*'],
    ['a} RETURNING User(Id', 'a\\} RETURNING User\\(Id'],
    ['cats and dogs', 'cats "and" dogs'],
    ['  two   spaces ', 'two spaces'],
    ['+1 (415) 555-0134', '\\+1 \\(415\\) 555\\-0134'],
    ['back\\slash', 'back\\\\slash'],
    ['nul\u0000byte\u0007 bell\u001b', 'nulbyte bell'],
    ['tab\tand\nnewline', 'tab "and" newline'],
  ])('%j → %s', (input, expected) => {
    expect(soslTerm(input)).toBe(expected);
  });
});

describe('ids', () => {
  it.each([
    ['001D000000IRFma', '001D000000IRFmaIAH'],
    ['003D000000QV9n2', '003D000000QV9n2IAD'],
    ['003d000000qv9N2', '003d000000qv9N2AAI'], // the capital N (position 14) sets bit 3 of the third chunk
    ['003D000000QV9n2iad', '003D000000QV9n2IAD'],
    ['003D000000QV9n2IAX', null],
    ['003D000000QV9n', null],
    ['', null],
    ['003D000000QV9n2IAD ', null],
  ])('normaliseId(%j) = %j', (input, expected) => {
    expect(normaliseId(input)).toBe(expected);
  });

  it('knows the key prefixes', () => {
    expect(['001D000000IRFmaIAH', '003D000000QV9n2IAD', '5005g0000000001AAA', '00T5g0000000001AAA', '0055g0000000001AAA'].map(objectOf)).toEqual([
      'Account',
      'Contact',
      'Case',
      'Task',
      null,
    ]);
  });
});

describe('statement builder', () => {
  it('writes SELECT with conditions, subqueries, order, limit and offset that the SOQL parser accepts', () => {
    const soql = select({
      fields: [
        'Id',
        'Account.Name',
        subquery({
          fields: ['Id'],
          from: 'Cases',
          where: [isTrue('IsClosed', false), olderThan(new Date('2026-09-21T10:00:00.000Z'), '5005g0000000004AAA')],
          orderBy: [
            ['CreatedDate', 'DESC'],
            ['Id', 'DESC'],
          ],
          limit: 6,
        }),
      ],
      from: 'Contact',
      where: [idIn('Id', ['003D000000QV9n2']), anyOf([eq('Phone', "O'B"), textIn('MobilePhone', ['1', '2'])]), notNull('Email'), null],
      orderBy: [['Name', 'ASC']],
      limit: 10,
      offset: 20,
    });
    expect(soql).toBe(
      "SELECT Id, Account.Name, (SELECT Id FROM Cases WHERE IsClosed = false AND (CreatedDate < 2026-09-21T10:00:00Z OR (CreatedDate = 2026-09-21T10:00:00Z AND Id < '5005g0000000004AAA')) ORDER BY CreatedDate DESC, Id DESC LIMIT 6) FROM Contact WHERE Id IN ('003D000000QV9n2IAD') AND (Phone = 'O\\'B' OR MobilePhone IN ('1', '2')) AND Email != null ORDER BY Name ASC LIMIT 10 OFFSET 20",
    );
    expect(() => parseQuery(soql)).not.toThrow();
  });

  it('refuses names that are not identifiers, and row counts that are not counts', () => {
    expect(() => select({ fields: ["Id FROM User WHERE Name = 'x'"], from: 'Contact' })).toThrow('not a SOQL identifier');
    expect(() => eq('Name = null OR Name', 'x')).toThrow('not a SOQL identifier');
    expect(() => select({ fields: ['Id'], from: 'Contact', limit: -1 })).toThrow('not a row count');
    expect(() => olderThan(new Date('yesterday'), '003D000000QV9n2')).toThrow(RangeError);
    expect(() => olderThan(new Date('+020000-01-01T00:00:00Z'), '003D000000QV9n2')).toThrow(RangeError);
  });

  it('writes SOSL with an escaped term and one RETURNING clause', () => {
    expect(search({ term: searchText("O'Brien {x}"), in: 'ALL', returning: { fields: ['Id', 'Name'], from: 'Contact', limit: 11, offset: 10 } })).toBe(
      "FIND {O\\'Brien \\{x\\}} IN ALL FIELDS RETURNING Contact(Id, Name LIMIT 11 OFFSET 10)",
    );
    expect(search({ term: digitsTerm(['4155550134', '14155550134', '4155550134']), in: 'PHONE', returning: { fields: ['Id'], from: 'Contact' } })).toBe(
      'FIND {4155550134 OR 14155550134} IN PHONE FIELDS RETURNING Contact(Id)',
    );
    expect(() => digitsTerm(['415-555'])).toThrow();
  });
});
