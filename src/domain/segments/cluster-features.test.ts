import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { customerFeatures, inOriginalUnits, type ClusterInput } from './cluster-features.ts';

const row = (recencyDays: number, orders: number, netMinor: number, extra: Partial<ClusterInput> = {}): ClusterInput =>
  ({ id: 0, recencyDays, orders, netMinor, ...extra });

test('two customers: each log feature standardises to −1 and +1', () => {
  // Two values always standardise to ∓1 (population SD is half their gap), whatever the transform.
  const { points, names } = customerFeatures([row(0, 1, 99), row(8, 4, 9999)]);
  assert.deepEqual(names, ['recencyDays', 'orders', 'netMinor']);
  assert.deepEqual([...points.data].map((x) => Math.round(x * 1e12) / 1e12), [-1, -1, -1, 1, 1, 1]);
});

test('the centre reads back in original units as the mean on the log scale (a geometric mean)', () => {
  // log1p(0) and log1p(8) average to log 3: 2 days. log 1 and log 4 average to log 2: 2 orders.
  // log1p(99) = log 100 and log1p(9999) = log 10000 average to log 1000: 999 minor units.
  const features = customerFeatures([row(0, 1, 99), row(8, 4, 9999)]);
  assert.deepEqual(inOriginalUnits(features, new Float64Array(3)), { recencyDays: 2, orders: 2, netMinor: 999 });
  // At z = +1 each feature is the second customer's own value.
  assert.deepEqual(inOriginalUnits(features, Float64Array.from([1, 1, 1])), { recencyDays: 8, orders: 4, netMinor: 9999 });
});

test('spend below zero counts as zero; margin keeps its sign; categories take log1p', () => {
  const rows = [row(1, 1, -500, { marginMinor: -99, categories: 0 }), row(1, 1, 0, { marginMinor: 99, categories: 3 }), row(1, 1, 0, { marginMinor: 0, categories: 1 })];
  const features = customerFeatures(rows);
  assert.deepEqual(features.names, ['recencyDays', 'orders', 'netMinor', 'marginMinor', 'categories']);
  // Recency, orders and spend are the same for all three: no information, 0 everywhere.
  for (let i = 0; i < 3; i++) for (let t = 0; t < 3; t++) assert.equal(features.points.data[i * 5 + t], 0);
  // Margins −log 100, +log 100, 0: mean 0, SD log 100 · √(2/3).
  const sd = Math.log(100) * Math.sqrt(2 / 3);
  assert.ok(Math.abs(features.points.data[3]! - -Math.log(100) / sd) < 1e-12);
  assert.ok(Math.abs(features.points.data[8]! - Math.log(100) / sd) < 1e-12);
  assert.equal(features.points.data[13], 0);
  // Categories log1p 0, 3, 1 = 0, log 4, log 2: mean log 2, so customer 3 sits at 0.
  assert.ok(Math.abs(features.points.data[14]!) < 1e-12);
  assert.deepEqual(inOriginalUnits(features, new Float64Array(5)), { recencyDays: 1, orders: 1, netMinor: 0, marginMinor: 0, categories: 1 });
});

test('margin and categories are used only when every customer has them', () => {
  assert.deepEqual(customerFeatures([row(1, 1, 5, { marginMinor: 3, categories: 2 }), row(2, 1, 5, { marginMinor: null, categories: 1 })]).names,
    ['recencyDays', 'orders', 'netMinor', 'categories']);
  assert.deepEqual(customerFeatures([row(1, 1, 5, { categories: 2 }), row(2, 1, 5, { marginMinor: 1 })]).names, ['recencyDays', 'orders', 'netMinor']);
});

test('bad fields are VALIDATION errors naming the row and field', () => {
  const fails = (rows: ClusterInput[], field: string) => assert.throws(() => customerFeatures(rows), (e) => e instanceof AppError && e.code === 'VALIDATION' && e.field === field);
  fails([row(1, 1, 5), row(-1, 1, 5)], 'rows/1/recencyDays');
  fails([row(1, 0, 5)], 'rows/0/orders');
  fails([row(1, 1, 5), row(1, 1, 5), row(1, 1, Number.NaN)], 'rows/2/netMinor');
  fails([row(1, 1, 5, { marginMinor: Infinity })], 'rows/0/marginMinor');
  fails([row(1, 1, 5, { categories: -2 })], 'rows/0/categories');
});
