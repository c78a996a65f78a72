// `regulars segment|segments|tags` end to end on a SQLite file holding the hand-checked fixture
// (test/segments-fixture.ts): the --json shapes, the exports, and errors as `error[CODE]` with exit codes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openStore } from '../src/store/db.ts';
import { cliOn } from './support/cli.ts';
import { recordFixture } from './segments-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-segments-'));
const db = join(dir, 'segments.db');
const { run, json } = cliOn(db);
type Counts = { segments: { name: string; count: number }[]; customers: number; notes?: string[] };
const nonZero = (r: Counts) => Object.fromEntries(r.segments.filter((s) => s.count).map((s) => [s.name, s.count]));
let ids: Awaited<ReturnType<typeof recordFixture>>;

before(async () => {
  const store = await openStore(db);
  ids = await recordFixture(store.db);
  await store.close();
});

test('segment rfm|retention|abcd|pyramid|lifecycle --json: {"segments": [{"name", "count"}, …]} with the hand-worked counts', async () => {
  const rfm = await json<Counts>('segment', 'rfm', '--as-of', '2024-03-31');
  assert.deepEqual(nonZero(rfm), { champions: 1, loyal: 2, hibernating: 1 });
  assert.equal(rfm.segments.length, 11);
  assert.ok(rfm.segments.every((s) => typeof s.name === 'string' && typeof s.count === 'number'));
  // Retention as of 03-31: M2 (one order, 59 days) and M5 (one order, 26 days) are new; M1 (R5 F5 M4) high value;
  // M4 (R3) potential. Nobody dormant.
  assert.deepEqual(nonZero(await json<Counts>('segment', 'retention', '--as-of', '2024-03-31')), { high_value: 1, potential: 1, new: 2 });
  assert.deepEqual(nonZero(await json<Counts>('segment', 'lifecycle', '--as-of', '2024-03-31')), { new: 2, active: 2 });
  const pyramid = await json<Counts>('segment', 'pyramid', '--as-of', '2024-03-31');
  assert.match(pyramid.notes![0]!, /ranked by net spend/);
  const human = await run('segment', 'abcd', '--as-of', '2024-03-31');
  assert.match(human.stdout, /4 customers with a purchase/);
});

test('settings from a file and the window', async () => {
  const config = join(dir, 'settings.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(config, JSON.stringify({ abcd: { dormantDays: 25 } }));
  assert.equal(nonZero(await json<Counts>('segment', 'abcd', '--as-of', '2024-03-31', '--config', config)).D, 3);
  writeFileSync(config, JSON.stringify({ abcd: { dormant: 25 } }));
  const bad = await run('segment', 'abcd', '--config', config);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error\[VALIDATION\]: unknown setting "dormant".*\(--config\/abcd\/dormant\)/);
  const w = await json<{ windowDays: number; source: string }>('segment', 'rfm', '--as-of', '2024-03-31', '--window', '30');
  assert.deepEqual([w.windowDays, w.source], [30, 'activity']);
});

test('segment members and export (CSV and XLSX)', async () => {
  const page = await json<{ total: number; items: { id: number }[] }>('segment', 'members', 'rfm', 'loyal', '--as-of', '2024-03-31');
  assert.deepEqual(page.items.map((m) => m.id), [ids.M4, ids.M5].sort((a, b) => a - b));
  const csv = join(dir, 'loyal.csv');
  assert.equal((await run('segment', 'export', 'rfm', 'loyal', '--as-of', '2024-03-31', '-o', csv)).code, 0);
  const lines = readFileSync(csv, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(lines.includes(`${ids.M5},M5,,,loyal,2024-03-05,2024-03-05,26,1,80.00`), lines.join('\n'));
  const xlsx = join(dir, 'champions.xlsx');
  assert.equal((await run('segment', 'export', 'rfm', 'champions', '--as-of', '2024-03-31', '-o', xlsx)).code, 0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
  assert.equal(rows.length, 2);
  const m1 = rows[1]!; // 1-based cells: id, member_no, phone, name, segment, …, net_spend
  assert.deepEqual([m1[1], m1[2], m1[3], m1[5], m1[10]], [ids.M1, 'M1', undefined, 'champions', '75.00']);
});

test('segments save|list|members|export|delete and tags', async () => {
  const saved = await json<{ id: number }>('segments', 'save', 'repeat buyers', '--rule', '{"all":[{"field":"orders","op":"gte","value":2}]}');
  const list = await json<{ segments: { id: number; count: number }[] }>('segments', 'list', '--as-of', '2024-03-31');
  assert.equal(list.segments.find((s) => s.id === saved.id)?.count, 2);
  const members = await json<{ items: { id: number }[] }>('segments', 'members', String(saved.id), '--as-of', '2024-03-31');
  assert.deepEqual(members.items.map((m) => m.id), [ids.M1, ids.M4].sort((a, b) => a - b));
  const out = join(dir, 'repeat.csv');
  assert.equal((await json<{ exported: number }>('segments', 'export', String(saved.id), '--as-of', '2024-03-31', '-o', out)).exported, 2);

  await json('tags', 'add', 'big', '--rule', '{"all":[{"field":"netMinor","op":"gte","value":7500}]}', '--label', '大客户');
  const tags = await json<{ tags: { name: string; count: number }[] }>('tags', '--as-of', '2024-03-31');
  assert.equal(tags.tags.find((t) => t.name === 'big')?.count, 2);
  assert.equal(tags.tags.find((t) => t.name === 'weekend_shopper')?.count, 1);

  const bad = await run('segments', 'save', 'x', '--rule', '{"all":[{"field":"orders","op":"gte","value":"2"}]}');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error\[VALIDATION\]: expected a number, got "2" \(\/rule\/all\/0\/value\)/);
  assert.equal((await run('segments', 'delete', String(saved.id))).code, 0);
  const gone = await run('segments', 'members', String(saved.id));
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /^error\[NOT_FOUND\]/);
});

test('segment snapshot and transitions', async () => {
  await json('segment', 'snapshot', 'lifecycle', '--as-of', '2024-02-15');
  const t = await json<{ from: { source: string }; moves: { from: string; to: string; count: number }[] }>('segment', 'transitions', 'lifecycle', '--from', '2024-02-15', '--to', '2024-03-31');
  assert.equal(t.from.source, 'snapshot');
  assert.deepEqual(t.moves[0], { from: '(none)', to: 'new', count: 2 });
  const human = await run('segment', 'transitions', 'lifecycle', '--from', '2024-02-15', '--to', '2024-03-31');
  assert.match(human.stdout, /from \\ to/);
});

test('usage errors exit 2; every command has help', async () => {
  const date = await run('segment', 'rfm', '--as-of', '2024-02-30');
  assert.deepEqual([date.code, date.stderr.trim()], [2, 'error[VALIDATION]: expected a date YYYY-MM-DD, got "2024-02-30" (/asOf)']);
  assert.equal((await run('segment', 'members', 'gold', 'x')).code, 2);
  for (const args of [['segment', '--help'], ['segment', 'rfm', '--help'], ['segments', 'save', '--help'], ['tags', '--help']]) {
    const h = await run(...args);
    assert.equal(h.code, 0, args.join(' '));
    assert.match(h.stdout, /Usage: regulars/);
  }
});
