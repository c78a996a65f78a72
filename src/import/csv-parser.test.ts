import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvParser, parseCsvText, type CsvRecord } from './csv-parser.ts';

function parseInChunks(text: string, cuts: number[], opts: { delimiter?: string } = {}): CsvRecord[] {
  const p = new CsvParser(opts);
  const out: CsvRecord[] = [];
  let prev = 0;
  for (const c of [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b)) {
    p.push(text.slice(prev, c), out);
    prev = c;
  }
  p.push(text.slice(prev), out);
  p.end(out);
  return out;
}

function quote(field: string, delim: string, always: boolean): string {
  return always || field.includes(delim) || /["\r\n]/.test(field)
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}

const fieldArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '\t', '"', '\n', '\r\n', '中', '文', '1', '.') });

test('plain lines, CRLF, missing final newline', () => {
  const recs = parseCsvText('a,b,c\r\n1,2,3\n4,,6');
  assert.deepEqual(recs.map((r) => r.fields), [['a', 'b', 'c'], ['1', '2', '3'], ['4', '', '6']]);
  assert.deepEqual(recs.map((r) => r.lineNo), [1, 2, 3]);
  assert.deepEqual(recs.map((r) => r.raw), ['a,b,c', '1,2,3', '4,,6']);
});

test('quoted fields: escapes, delimiters and newlines inside; lineNo is where the record starts', () => {
  const text = 'id,desc\n1,"say ""hi"", then\nleave"\n2,"x"\r\n3,y\n';
  const recs = parseCsvText(text);
  assert.deepEqual(recs.map((r) => r.fields), [['id', 'desc'], ['1', 'say "hi", then\nleave'], ['2', 'x'], ['3', 'y']]);
  assert.deepEqual(recs.map((r) => r.lineNo), [1, 2, 4, 5]);
  assert.equal(recs[1]!.raw, '1,"say ""hi"", then\nleave"');
});

test('a quote inside an unquoted field is a literal', () => {
  assert.deepEqual(parseCsvText('12" vinyl,5\n').map((r) => r.fields), [['12" vinyl', '5']]);
});

test('text after a closing quote is kept and flagged', () => {
  const [r] = parseCsvText('"ab"c,d\n');
  assert.deepEqual(r!.fields, ['abc', 'd']);
  assert.equal(r!.error, 'text after a closing quote');
});

test('an unterminated quote costs one line, not the rest of the file', () => {
  const recs = parseCsvText('a,b\n1,"oops\n2,x\n3,y\n');
  assert.deepEqual(recs.map((r) => [r.lineNo, r.error, r.fields]), [
    [1, null, ['a', 'b']], [2, 'unterminated quoted field', []], [3, null, ['2', 'x']], [4, null, ['3', 'y']],
  ]);
  // Same when the open quote grows past the record size cap while streaming.
  const p = new CsvParser({ maxRecordChars: 16 });
  const out: CsvRecord[] = [];
  p.push('1,"oops\n', out);
  p.push('2,x\n3,y\n4,z\n5,w\n', out);
  p.end(out);
  assert.deepEqual(out.map((r) => r.lineNo), [1, 2, 3, 4, 5]);
  assert.equal(out[0]!.error, 'unterminated quoted field');
});

test('empty lines are records with one empty field (as csv-parse)', () => {
  assert.deepEqual(parseCsvText('a\n\nb\n').map((r) => r.fields), [['a'], [''], ['b']]);
});

test('old Mac CR line ends', () => {
  const recs = parseCsvText('a,b\r1,"x\ry"\r2,z', { eol: '\r' });
  assert.deepEqual(recs.map((r) => r.fields), [['a', 'b'], ['1', 'x\ry'], ['2', 'z']]);
  assert.deepEqual(recs.map((r) => r.lineNo), [1, 2, 4]);
});

test('equals csv-parse on random RFC 4180 input, cut into random chunks', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
      fc.constantFrom(',', '\t', ';', '|'),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 6 }),
      (rows, delim, eol, alwaysQuote, finalEol, cuts) => {
        const text = rows.map((r) => r.map((f) => quote(f, delim, alwaysQuote)).join(delim)).join(eol) + (finalEol ? eol : '');
        const expected: string[][] = parse(text, { delimiter: delim, relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
        const mine = parseInChunks(text, cuts, { delimiter: delim });
        assert.deepEqual(mine.map((r) => r.fields), expected);
        assert.ok(mine.every((r) => r.error === null));
        // lineNo counts the physical lines before each record.
        let line = 1;
        for (const [i, r] of mine.entries()) {
          assert.equal(r.lineNo, line);
          line += 1 + (r.raw.match(/\n/g)?.length ?? 0);
          assert.equal(r.raw, rows[i]!.map((f) => quote(f, delim, alwaysQuote)).join(delim));
        }
      },
    ),
    { numRuns: 400, seed: 20240501 },
  );
});
