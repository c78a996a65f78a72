// The model commands through the real CLI on a SQLite file holding the scheduled shop: JSON shapes,
// human output, and `error[CODE]: …` with exit 2 for bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBetween } from '../src/domain/time.ts';
import { openStore } from '../src/store/db.ts';
import { cli, cliOn } from './support/cli.ts';
import { cycleOf, memberNo, seedShop, stops, visitsOf } from './models-shop.ts';

const dir = mkdtempSync(join(tmpdir(), 'regulars-models-cli-'));
const DB = join(dir, 'shop.db');
const { json } = cliOn(DB);

before(async () => {
  const store = await openStore(DB);
  await seedShop(store.db);
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('clv fit prints the parameters; bad input is error[VALIDATION] naming the field, exit 2', async () => {
  const human = await cli(['--db', DB, 'clv', 'fit', '--calibration-end', '2024-03-31']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^fit #\d+: 60 customers \(60 repeaters/);
  assert.match(human.stdout, /BG\/NBD {2}r \d/);
  const bad = await cli(['--db', DB, 'clv', 'fit', '--calibration-end', '2024-02-30']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error\[VALIDATION\]: calibrationEnd must be a date YYYY-MM-DD, got "2024-02-30" \(calibrationEnd\)/);
  const period = await cli(['--db', DB, 'clv', 'fit', '--calibration-end', '2024-03-31', '--period', 'month']);
  assert.equal(period.code, 2);
  assert.match(period.stderr, /^error\[USAGE\]/);
});

test('predict, churn and replenish by member number, as JSON', async () => {
  await json('clv', 'fit', '--calibration-end', '2024-03-31');
  const p = await json<{ churnRule: { usualCycleDays: number; flagged: boolean }; model: { method: string } }>('predict', memberNo(5));
  assert.deepEqual([p.churnRule.usualCycleDays, p.churnRule.flagged, p.model.method], [cycleOf(5), stops(5), 'bgnbd']);
  const churn = await json<{ flagged: number; customers: { memberNo: string; silentDays: number }[] }>('churn');
  assert.equal(churn.flagged, 12);
  const m5 = churn.customers.find((c) => c.memberNo === memberNo(5))!;
  assert.equal(m5.silentDays, daysBetween(visitsOf(5).at(-1)!, '2024-06-30'));
  const due = await json<{ asOf: string; level: string; total: number }>('replenish', '--level', 'sku');
  assert.deepEqual([due.asOf, due.level], ['2024-06-30', 'sku']);
  assert.ok(due.total > 0);
  const unknown = await cli(['--db', DB, 'predict', 'NOBODY']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error\[NOT_FOUND\]: customer "NOBODY"/);
});

test('recommend, rules and bundles print tables', async () => {
  const fit = await json<{ baskets: number; replenishable: { category: number } }>('baskets', 'fit');
  assert.deepEqual([fit.baskets, fit.replenishable.category], [736, 3]);
  const recs = await cli(['--db', DB, 'recommend', memberNo(3), '--k', '2']);
  assert.equal(recs.code, 0, recs.stderr);
  assert.match(recs.stdout.split('\n')[1]!, /^TIE\s+tie\s+[\d.]+\s+co-purchase$/);
  const rules = await cli(['--db', DB, 'rules', '--min-support', '0.01', '--min-confidence', '0.9', '--limit', '3']);
  assert.equal(rules.code, 0, rules.stderr);
  assert.match(rules.stdout, /rules from 736 baskets \(store, sku level\)/);
  const bundles = await cli(['--db', DB, 'bundles', '--from', '2024-01-01', '--to', '2024-06-30', '--min-support', '0.01', '--min-confidence', '0.3']);
  assert.equal(bundles.code, 0, bundles.stderr);
  assert.match(bundles.stdout, /^SUIT\s+TIE\s/m);
});
