import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRule, parseRule, ruleFields, type FieldSpec, type FieldValue } from './rule.ts';
import { AppError } from '../errors.ts';

const FIELDS: Record<string, FieldSpec> = { orders: { type: 'number' }, last: { type: 'date' }, city: { type: 'string' }, tags: { type: 'tags' }, margin: { type: 'number' } };
type Row = Record<string, FieldValue>;
const rows: Row[] = [
  { orders: 100, last: '2024-05-01', city: '上海', tags: ['vip', 'weekend_shopper'], margin: 50 },
  { orders: 20, last: '2024-01-15', city: '北京', tags: [], margin: null },
  { orders: 3, last: '2023-12-31', city: '上海市', tags: ['vip'], margin: -5 },
];
const match = (rule: unknown) => {
  const compiled = compileRule(parseRule(rule, FIELDS), (f) => (r: Row) => r[f]!);
  return rows.map(compiled);
};
const failsAt = (rule: unknown, field: string, message?: RegExp) => assert.throws(() => parseRule(rule, FIELDS),
  (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.field === field && (!message || message.test(e.message)));

test('numbers compare as numbers (100 > 20), dates as dates', () => {
  assert.deepEqual(match({ all: [{ field: 'orders', op: 'gt', value: 20 }] }), [true, false, false]);
  assert.deepEqual(match({ all: [{ field: 'orders', op: 'between', value: [3, 20] }] }), [false, true, true]);
  assert.deepEqual(match({ all: [{ field: 'last', op: 'gte', value: '2024-01-01' }] }), [true, true, false]);
  assert.deepEqual(match({ field: 'orders', op: 'in', value: [3, 100] }), [true, false, true], 'a bare condition is a rule');
});

test('all, any and nesting', () => {
  assert.deepEqual(match({ any: [{ field: 'city', op: 'eq', value: '北京' }, { all: [{ field: 'tags', op: 'contains', value: 'vip' }, { field: 'orders', op: 'lt', value: 10 }] }] }), [false, true, true]);
});

test('strings and tags: contains, in, not_in, not_contains', () => {
  assert.deepEqual(match({ all: [{ field: 'city', op: 'contains', value: '上海' }] }), [true, false, true]);
  assert.deepEqual(match({ all: [{ field: 'city', op: 'in', value: ['上海', '北京'] }] }), [true, true, false]);
  assert.deepEqual(match({ all: [{ field: 'tags', op: 'in', value: ['weekend_shopper', 'x'] }] }), [true, false, false]);
  assert.deepEqual(match({ all: [{ field: 'tags', op: 'not_contains', value: 'vip' }] }), [false, true, false]);
  assert.deepEqual(match({ all: [{ field: 'tags', op: 'not_in', value: ['weekend_shopper'] }] }), [false, true, true]);
});

test('unknown values match only eq null, ne and the negative operators', () => {
  assert.deepEqual(match({ all: [{ field: 'margin', op: 'eq', value: null }] }), [false, true, false]);
  assert.deepEqual(match({ all: [{ field: 'margin', op: 'lt', value: 100 }] }), [true, false, true]);
  assert.deepEqual(match({ all: [{ field: 'margin', op: 'ne', value: 50 }] }), [false, true, true]);
  assert.deepEqual(match({ all: [{ field: 'margin', op: 'not_in', value: [50] }] }), [false, true, true]);
});

test('bad rules are rejected with the path at fault', () => {
  failsAt({ all: [{ field: 'orders', op: 'gt', value: '20' }] }, '/rule/all/0/value', /a number/);
  failsAt({ all: [{ field: 'spend', op: 'gt', value: 1 }] }, '/rule/all/0/field', /unknown field "spend"/);
  failsAt({ any: [{ field: 'tags', op: 'gt', value: 'vip' }] }, '/rule/any/0/op', /does not apply to tags/);
  failsAt({ all: [{ field: 'orders', op: 'between', value: [5, 1] }] }, '/rule/all/0/value', /low must not exceed high/);
  failsAt({ all: [{ field: 'last', op: 'eq', value: '2024-02-30' }] }, '/rule/all/0/value', /date/);
  failsAt({ all: [] }, '/rule/all');
  failsAt({ all: [{ field: 'orders', op: 'in', value: [] }] }, '/rule/all/0/value');
  failsAt({ all: [{ field: 'orders', op: 'eq', value: 1, extra: true }] }, '/rule/all/0/extra');
  failsAt({ all: [], any: [] }, '/rule');
  failsAt('orders > 3', '/rule');
  let deep: unknown = { field: 'orders', op: 'eq', value: 1 };
  for (let i = 0; i < 9; i++) deep = { all: [deep] };
  failsAt(deep, '/rule/all/0/all/0/all/0/all/0/all/0/all/0/all/0/all/0', /nest/);
});

test('ruleFields lists what a rule reads', () => {
  const rule = parseRule({ any: [{ field: 'orders', op: 'gt', value: 1 }, { all: [{ field: 'tags', op: 'contains', value: 'vip' }] }] }, FIELDS);
  assert.deepEqual([...ruleFields(rule)].sort(), ['orders', 'tags']);
});
