// MUST-SHOW: the CDNOW sample through the store path. The transaction file is imported by header
// recognition alone (customer_id, date, num_cds, dollar_value); `clv fit` and `clv validate` run through the
// real CLI; the published numbers are Fader, Hardie & Lee (2005) and Fader & Hardie (2013), as quoted in
// the dataset README and CLVTools' tests. SQLite only: the dialect loop in models-store.test.ts proves the
// same code on PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../src/app/import-file.ts';
import { customerPredictions } from '../src/app/models/predictions.ts';
import { resolveCustomer } from '../src/app/models/resolve-customer.ts';
import { fitBgNbd } from '../src/domain/models/bgnbd.ts';
import { dayNumber, loadCdnowByDay } from '../src/domain/models/fixtures.test.ts';
import { calibrationHoldoutSummary, holdoutTrackingTable } from '../src/domain/models/holdout.ts';
import { groupTriples } from '../src/domain/models/triples.ts';
import { openStore } from '../src/store/db.ts';
import { cli } from './support/cli.ts';
import { dataset } from './support/datasets.ts';

const cdnow = dataset('cdnow', 'cdnow_sample_transactions.csv.gz');
const dir = mkdtempSync(join(tmpdir(), 'regulars-cdnow-'));
const DB = join(dir, 'cdnow.db');
const run = async (...args: string[]) => {
  const r = await cli(['--db', DB, '--json', ...args], { REGULARS_ZONE: 'America/New_York' });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

before(async () => {
  if (cdnow.skip) return;
  // `regulars import orders FILE` has no switch for zero-value rows and rejects them; CDNOW's 8 are the only
  // purchase of 8 cohort members, so the model input keeps them (see the next test for the CLI's report).
  const store = await openStore(DB);
  await importFile(store.db, cdnow.path, {
    kind: 'orders', fileName: 'cdnow_sample_transactions.csv.gz', now: () => '2024-01-01T00:00:00.000Z', zone: 'America/New_York',
    currency: 'USD', read: { zeroPrice: 'keep' }, reject: (i) => assert.fail(`rejected line ${i.lineNo}: ${i.reason}`),
  });
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('CDNOW imports with no column map: customer_id, date, num_cds, dollar_value recognised', { skip: cdnow.skip }, async () => {
  const other = join(dir, 'cli-import.db');
  const r = await cli(['--db', other, '--json', 'import', 'orders', cdnow.path, '--zone', 'America/New_York', '--currency', 'USD', '--rejects', join(dir, 'rejects.csv')]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { columns: { found: Record<string, string> }; rowsRead: number; rowsImported: number; rejectedByReason: Record<string, number> };
  assert.deepEqual(report.columns.found, { customer: 'customer_id', placedAt: 'date', quantity: 'num_cds', amount: 'dollar_value' });
  // README: 6,919 rows, 8 with dollar_value 0 (rejected by the CLI's default).
  assert.deepEqual([report.rowsRead, report.rowsImported, report.rejectedByReason], [6919, 6911, { zero_price: 8 }]);
  // dollar_value is the order's net money and num_cds its quantity: README totals USD 244,091.94 and 16,479 CDs.
  const stats = await run('stats') as { orders: number; salesMinor: number; customersWithPurchases: number };
  assert.deepEqual([stats.orders, stats.salesMinor, stats.customersWithPurchases], [6919, 24409194, 2357]);
});

test('clv fit --calibration-end 1997-09-30 --period week reproduces BG/NBD and Gamma-Gamma', { skip: cdnow.skip }, async () => {
  const fit = await run('clv', 'fit', '--calibration-end', '1997-09-30', '--period', 'week') as {
    params: Record<'r' | 'alpha' | 'a' | 'b', number>; logLik: number; customers: number; repeaters: number;
    gammaGamma: Record<'p' | 'q' | 'gamma', number>; independence: { correlation: number; holds: boolean };
  };
  assert.deepEqual([fit.customers, fit.repeaters], [2357, 946]);
  const published = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
  for (const k of ['r', 'alpha', 'a', 'b'] as const) assert.ok(Math.abs(fit.params[k] / published[k] - 1) < 1e-3, `${k} = ${fit.params[k]}`);
  assert.ok(Math.abs(fit.logLik - -9582.43) < 0.01, `LL ${fit.logLik}`);
  const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
  for (const k of ['p', 'q', 'gamma'] as const) assert.ok(Math.abs(fit.gammaGamma[k] / gg[k] - 1) < 5e-3, `${k} = ${fit.gammaGamma[k]}`);
  // Fader & Hardie (2013): correlation 0.11 between frequency and spend, weak enough for the model.
  assert.equal(fit.independence.correlation.toFixed(2), '0.11');
  assert.equal(fit.independence.holds, true);
});

test('clv validate to 1998-06-30: actual 1,882 holdout purchase days; predicted is the library\'s sum', { skip: cdnow.skip }, async (t) => {
  const v = await run('clv', 'validate', '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30') as {
    params: Record<'r' | 'alpha' | 'a' | 'b', number>; predicted: number; actual: number; relativeError: number; predictedUnconditional: number; rows: { bucket: string; customers: number; actual: number; predicted: number }[];
  };
  assert.equal(v.actual, 1882);
  assert.deepEqual(v.rows.map((r) => r.actual), [334, 306, 298, 156, 157, 112, 112, 407]);
  assert.deepEqual(v.rows.map((r) => r.customers), [1411, 439, 214, 100, 62, 38, 29, 64]);
  // Independently: the by-day file (CLVTools' table, not our import) → summary → fit → tracking table.
  const byDay = loadCdnowByDay()!;
  const cut = { calibrationEndDay: dayNumber('1997-09-30'), holdoutEndDay: dayNumber('1998-06-30') };
  const rows = calibrationHoldoutSummary(byDay, cut);
  const own = fitBgNbd(groupTriples(rows)).params;
  for (const k of ['r', 'alpha', 'a', 'b'] as const) assert.ok(Math.abs(v.params[k] / own[k] - 1) < 1e-5, k);
  const table = holdoutTrackingTable(v.params, rows, 39);
  assert.ok(Math.abs(v.predicted - table.total.predicted) < 1e-9, `${v.predicted} vs ${table.total.predicted}`);
  v.rows.forEach((r, i) => assert.ok(Math.abs(r.predicted - table.rows[i]!.predicted) < 1e-9, `bucket ${r.bucket}`));
  // The issue asked for the prediction within 5 % of 1,882; the correctly fitted model gives ≈ 1,653 (−12 %),
  // and its unconditional aggregate forecast ≈ 1,667. Reported, not asserted away (docs/models.md).
  assert.ok(v.predicted > 1650 && v.predicted < 1657, `${v.predicted}`);
  t.diagnostic(`holdout: predicted ${v.predicted.toFixed(1)} (unconditional ${v.predictedUnconditional.toFixed(1)}) vs actual ${v.actual}: ${(100 * v.relativeError).toFixed(1)} %`);
});

test('per-customer reference values through the predictions use-case', { skip: cdnow.skip }, async () => {
  await run('clv', 'fit', '--calibration-end', '1997-09-30', '--period', 'week');
  const store = await openStore(DB);
  try {
    const at = async (member: string, horizonDays = 273) =>
      customerPredictions(store.db, await resolveCustomer(store.db, member), { asOf: '1997-09-30', horizonDays, recommendations: 0 });
    // Hardie's spreadsheet (lifetimes test): customer 1 (x 2, t_x 30.43, T 38.86), E[X(39) | data] = 1.226.
    const one = await at('1');
    assert.equal(one.history!.x, 2);
    assert.ok(Math.abs(one.model!.expectedOrders - 1.226) < 5e-4, `${one.model!.expectedOrders}`);
    // Conditional expected spend of customers 1–10 (Fader & Hardie 2013 note 025 spreadsheet), in cents.
    const spend = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    for (const [i, want] of spend.entries()) {
      const p = await at(String(i + 1));
      assert.ok(Math.abs(p.model!.spendPerOrderMinor! - Math.round(want * 100)) <= 1, `customer ${i + 1}: ${p.model!.spendPerOrderMinor}`);
    }
  } finally {
    await store.close();
  }
});
