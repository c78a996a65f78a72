import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lifecycleStages, parseLifecycleConfig } from './lifecycle.ts';
import { AppError } from '../errors.ts';

test('lifecycle stages by hand, as of 2024-06-30', () => {
  const rows = [
    { firstPurchaseDate: '2024-06-15', lastPurchaseDate: '2024-06-20', previousPurchaseDate: '2024-06-15' }, // new: first 15 days ago
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2024-04-01', previousPurchaseDate: '2024-03-01' }, // active: exactly 90 days
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2024-06-10', previousPurchaseDate: '2023-10-01' }, // reactivated: gap 253 days
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2024-06-10', previousPurchaseDate: '2023-12-13' }, // active: gap exactly 180
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2024-03-31', previousPurchaseDate: null }, // at risk: 91 days
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2023-10-01', previousPurchaseDate: null }, // dormant: 273 days
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2023-07-01', previousPurchaseDate: null }, // dormant: 365 days
    { firstPurchaseDate: '2023-01-01', lastPurchaseDate: '2023-06-30', previousPurchaseDate: null }, // lost: 366 days
  ];
  assert.deepEqual(lifecycleStages(rows, rows, '2024-06-30'), ['new', 'active', 'reactivated', 'active', 'at_risk', 'dormant', 'dormant', 'lost']);
});

test('lifecycle settings are validated and must be ordered', () => {
  assert.deepEqual(parseLifecycleConfig({ activeDays: 60 }).activeDays, 60);
  assert.throws(() => parseLifecycleConfig({ activeDays: 200 }), (e: unknown) => e instanceof AppError && e.field === '/lifecycle');
  assert.throws(() => parseLifecycleConfig({ lostDays: 3 }), (e: unknown) => e instanceof AppError && e.field === '/lifecycle/lostDays');
});
