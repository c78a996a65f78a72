// `regulars report …` in a child process on a demo chain (SQLite file): the --json shapes, the human
// tables, and errors as one line with the right exit code.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repurchaseReport } from '../src/app/reports.ts';
import { openStore } from '../src/store/db.ts';
import { cli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-report-'));
const db = join(dir, 'report.db');
after(() => rmSync(dir, { recursive: true, force: true }));
const loaded = cli(['--db', db, '--json', 'demo', '--members', '200', '--as-of', '2024-12-31']);
const report = async (...args: string[]) => {
  assert.equal((await loaded).code, 0, (await loaded).stderr);
  return cli(['--db', db, ...args]);
};
const jsonOf = async <T = Record<string, unknown>>(...args: string[]): Promise<T> => {
  const r = await report('--json', 'report', ...args);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};

test('report repurchase --json carries repurchaseRate, meanCycleDays and medianCycleDays, the same as the use-case', async () => {
  const r = await jsonOf<Record<string, unknown> & { cycleHistogram: { count: number }[] }>('repurchase', '--within', '14');
  for (const key of ['repurchaseRate', 'meanCycleDays', 'medianCycleDays', 'customers', 'repeatCustomers', 'ordersPerRepeatCustomer', 'withinRate']) {
    assert.equal(typeof r[key], 'number', key);
  }
  assert.equal(r.withinDays, 14);
  assert.equal(r.repurchaseRate, (r.repeatCustomers as number) / (r.customers as number));
  assert.equal(r.cycleHistogram.reduce((s, b) => s + b.count, 0), r.cycleIntervals);
  const store = await openStore(db);
  try {
    assert.deepEqual(r, JSON.parse(JSON.stringify(await repurchaseReport(store.db, { withinDays: 14 }))));
  } finally {
    await store.close();
  }
});

test('report cohorts and overview --json shapes', async () => {
  const c = await jsonOf<{ grain: string; from: string; cohorts: { cohort: string; size: number; rates: number[] }[]; average: number[] }>('cohorts', '--by', 'quarter');
  assert.equal(c.grain, 'quarter');
  assert.ok(c.cohorts.length >= 4, 'a year of quarters');
  assert.ok(c.cohorts.every((x) => /^\d{4}-Q[1-4]$/.test(x.cohort) && x.size > 0 && x.rates[0] === 1));
  assert.match(c.from, /^\d{4}-(01|04|07|10)-01$/, 'cohort tables count whole periods');
  const o = await jsonOf<{ total: { customers: number; newCustomers: number; returningCustomers: number }; byStore: { key: string }[]; byChannel: unknown[]; byMonth: { key: string }[]; bySegment: null }>(
    'overview', '--from', '2024-10-01', '--to', '2024-12-31', '--store', 'HZ-TEA');
  assert.deepEqual(o.byStore.map((s) => s.key), ['HZ-TEA']);
  assert.deepEqual(o.byMonth.map((m) => m.key), ['2024-10', '2024-11', '2024-12']);
  assert.ok(o.total.customers > 0 && o.total.customers === o.total.newCustomers + o.total.returningCustomers);
  assert.equal(o.bySegment, null);
});

test('human output: aligned tables, percentages with one decimal', async () => {
  const cohorts = await report('report', 'cohorts');
  assert.equal(cohorts.code, 0, cohorts.stderr);
  const lines = cohorts.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^Retention by month of first purchase, /);
  assert.match(lines[1]!, /^cohort\s+size\s+\+0\s+\+1/);
  const rows = lines.filter((l) => /^\d{4}-\d{2} /.test(l));
  assert.ok(rows.length >= 12);
  for (const row of rows) assert.match(row, /^\d{4}-\d{2}\s+[\d,]+\s+100\.0(\s+\d{1,3}\.\d)*$/, row);
  // Columns line up: every "+0" value ends where the header's "+0" ends.
  const end = lines[1]!.indexOf('+0') + 2;
  for (const row of rows) assert.equal(row.slice(end - 5, end), '100.0', row);

  const rep = await report('report', 'repurchase', '--store', 'SZ-MART');
  assert.equal(rep.code, 0, rep.stderr);
  assert.match(rep.stdout, /^Repurchase, \d{4}-\d{2}-\d{2} … \d{4}-\d{2}-\d{2}, store SZ-MART/);
  assert.match(rep.stdout, /^repurchase rate\s+\d{1,3}\.\d%\s+[\d,]+ customers with ≥2 orders$/m);
  assert.match(rep.stdout, /^repurchase cycle\s+\d+\.\d days mean, \d+\.\d median/m);
  const cyc = await report('report', 'cycle', '--by', 'sku', '--limit', '3');
  assert.equal(cyc.code, 0, cyc.stderr);
  assert.equal(cyc.stdout.trimEnd().split('\n').length, 1 + 1 + 3, 'title, header, three products');
});

test('errors: one line, exit 2 for usage and bad values, 1 for what is not there', async () => {
  const bad = await report('report', 'repurchase', '--from', '2024-02-30');
  assert.deepEqual([bad.code, bad.stderr.trim()], [2, "error[VALIDATION]: from must be a date YYYY-MM-DD, got '2024-02-30' (from)"]);
  const store = await report('report', 'overview', '--store', 'NOPE');
  assert.deepEqual([store.code, store.stderr.trim()], [1, 'error[NOT_FOUND]: store NOPE not found (store)']);
  const grain = await report('report', 'cohorts', '--by', 'week');
  assert.equal(grain.code, 2);
  assert.match(grain.stderr, /^error\[USAGE\]: .*week/);
  assert.equal((await report('report', 'repurchase', '--within', 'soon')).code, 2);
  const help = await report('report', '--help');
  assert.equal(help.code, 0);
  for (const sub of ['repurchase', 'cohorts', 'overview', 'cycle']) assert.match(help.stdout, new RegExp(`^\\s+${sub}\\b`, 'm'));
  assert.match((await report('report', 'overview', '--help')).stdout, /--dormant-days <n>/);
});
