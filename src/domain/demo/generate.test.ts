import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import { lineAmount } from '../money.ts';
import type { OrderInput, OrderLineInput, ReturnInput } from '../orders/types.ts';
import { normalizePhone } from '../phone.ts';
import { addDays, businessDate, daysBetween } from '../time.ts';
import { generateDemo, type DemoOptions } from './generate.ts';

const ASOF = '2024-12-31';
const FIRST = addDays(ASOF, -364);
const ZONE = 'Asia/Shanghai';

function run(options: DemoOptions) {
  const demo = generateDemo(options);
  const orders: OrderInput[] = [];
  const returns: ReturnInput[] = [];
  const times: string[] = [];
  for (const e of demo.events) {
    if (e.type === 'order') { orders.push(e.order); times.push(e.order.placedAt); }
    else { returns.push(e.return); times.push(e.return.returnedAt); }
  }
  return { demo, orders, returns, times };
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const snapshot = (r: ReturnType<typeof run>) =>
  hash({ stores: r.demo.stores, products: r.demo.products, customers: r.demo.customers, orders: r.orders, returns: r.returns });

const { demo, orders, returns, times } = run({ seed: 42, members: 1500, asOf: ASOF });
const formatOf = new Map(demo.stores.map((s) => [s.code, s.format]));
const byNo = new Map(demo.customers.map((c) => [c.memberNo, c]));
const byPhone = new Map(demo.customers.map((c) => [c.phone, c]));
const memberOf = (o: OrderInput) => (o.customer ? (o.customer.memberNo ? byNo.get(o.customer.memberNo) : byPhone.get(o.customer.phone)) : undefined);

test('the same seed gives the same chain, another seed another', () => {
  const small = { members: 300, asOf: ASOF, days: 120 };
  const a = snapshot(run({ ...small, seed: 7 }));
  assert.equal(snapshot(run({ ...small, seed: 7 })), a);
  assert.notEqual(snapshot(run({ ...small, seed: 8 })), a);
  // Iterating again replays the same stream.
  const again: OrderInput[] = [];
  for (const o of demo.orders) if (again.push(o) >= 50) break;
  assert.deepEqual(again, orders.slice(0, 50));
});

test('bad options are refused with a field name', () => {
  assert.throws(() => generateDemo({ asOf: '2024-13-01' }), (e: unknown) => e instanceof AppError && e.field === 'asOf');
  assert.throws(() => generateDemo({ asOf: ASOF, members: -1 }), (e: unknown) => e instanceof AppError && e.field === 'members');
  assert.throws(() => generateDemo({ asOf: ASOF, days: 0 }), (e: unknown) => e instanceof AppError && e.field === 'days');
});

test('stores and products look like a real chain', () => {
  assert.ok(demo.stores.length >= 3);
  for (const s of demo.stores) assert.deepEqual([s.currency, s.timeZone], ['CNY', ZONE]);
  assert.equal(new Set(demo.products.map((p) => p.sku)).size, demo.products.length);
  const margin = { C: [0.45, 0.65], T: [0.6, 0.7], S: [0.1, 0.25] } as const;
  for (const p of demo.products) {
    const [lo, hi] = margin[p.sku[0] as 'C' | 'T' | 'S'];
    const m = 1 - p.unitCostMinor! / p.listPriceMinor!;
    assert.ok(m >= lo - 0.005 && m <= hi + 0.005, `${p.sku} margin ${m}`);
    assert.ok(Number.isInteger(p.listPriceMinor) && Number.isInteger(p.unitCostMinor));
  }
});

test('members have valid unique phones and numbers, and believable details', () => {
  const phones = demo.customers.map((c) => c.phone!);
  assert.equal(new Set(phones).size, phones.length);
  for (const p of phones) assert.ok(/^1[3-9]\d{9}$/.test(p) && normalizePhone(p) === p, p);
  const nos = demo.customers.map((c) => c.memberNo!);
  assert.equal(new Set(nos).size, nos.length);
  assert.ok(nos.every((n) => /^M\d{8}$/.test(n)));
  const end = `${ASOF}T16:00:00.000Z`;
  let referred = 0;
  for (const c of demo.customers) {
    const age = daysBetween(c.birthDate!, ASOF) / 365.25;
    assert.ok(age >= 18 && age < 66, `${c.memberNo} age ${age}`);
    assert.ok(c.registeredAt! < end && c.registeredAt! >= `${addDays(FIRST, -366)}`);
    assert.ok(c.name && c.city && c.region && c.homeStoreCode && c.registrationChannel);
    assert.ok(c.consents.every((k) => k.at >= c.registeredAt! && k.at < end));
    if (c.referrer) {
      referred++;
      const ref = byNo.get(c.referrer);
      assert.ok(ref && ref.registeredAt! <= c.registeredAt!, 'referrer registered earlier');
    }
  }
  assert.ok(referred > 0.02 * demo.customers.length && referred < 0.08 * demo.customers.length);
  const clothing = demo.customers.filter((c) => formatOf.get(c.homeStoreCode!) === 'clothing');
  assert.ok(clothing.filter((c) => c.gender === 'female').length > 0.6 * clothing.length);
  assert.ok(clothing.every((c) => c.attributes['尺码']));
  assert.ok(clothing.some((c) => c.guideCode?.startsWith('G')));
});

test('every order adds up in whole fen and lies inside the history', () => {
  assert.equal(new Set(orders.map((o) => o.externalId)).size, orders.length);
  for (const o of orders) {
    assert.equal(o.source, 'demo');
    assert.ok(o.lines.length > 0);
    assert.equal(businessDate(o.placedAt, ZONE), o.businessDate);
    assert.ok(o.businessDate >= FIRST && o.businessDate <= ASOF, o.businessDate);
    for (const l of o.lines) {
      for (const v of [l.grossMinor, l.discountMinor, l.netMinor, l.costMinor, l.unitPriceMinor]) assert.ok(Number.isInteger(v));
      assert.equal(l.grossMinor, lineAmount(l.unitPriceMinor, l.quantity));
      assert.equal(l.netMinor, l.grossMinor - l.discountMinor);
      assert.ok(l.discountMinor >= 0 && l.netMinor >= 0 && l.quantity > 0);
      assert.equal(l.kind, 'merchandise');
      assert.ok(l.category!.split('/').length >= 2);
    }
  }
  assert.ok(orders.some((o) => o.lines.some((l) => l.discountMinor > 0)));
  assert.deepEqual(times, [...times].sort(), 'events come in time order');
});

test('customer refs point to members, after they registered; some orders are anonymous', () => {
  let anonymous = 0;
  for (const o of orders) {
    if (!o.customer) { anonymous++; continue; }
    const c = memberOf(o);
    assert.ok(c, `${o.externalId} names an unknown member`);
    if (o.customer.memberNo && o.customer.phone) assert.equal(byPhone.get(o.customer.phone), c);
    assert.equal(c.homeStoreCode, o.storeCode);
    assert.ok(o.placedAt > c.registeredAt!, `${o.externalId} before registration`);
  }
  const share = anonymous / orders.length;
  assert.ok(share > 0.12 && share < 0.3, `anonymous share ${share}`);
});

test('returns stay within what was bought and come after the order', () => {
  const byId = new Map(orders.map((o) => [o.externalId, o]));
  const returned = new Map<string, number>();
  for (const r of returns) {
    const o = byId.get(r.orderExternalId!);
    assert.ok(o, `return ${r.externalId} of unknown order`);
    assert.ok(r.returnedAt > o.placedAt && r.businessDate > o.businessDate && r.businessDate <= ASOF);
    assert.equal(businessDate(r.returnedAt, ZONE), r.businessDate);
    assert.deepEqual(r.customer, o.customer);
    for (const l of r.lines) {
      const line: OrderLineInput = o.lines[l.orderLineNo! - 1]!;
      assert.equal(line.sku, l.sku);
      const key = `${o.externalId}#${l.orderLineNo}`;
      returned.set(key, (returned.get(key) ?? 0) + l.quantity);
      assert.ok(returned.get(key)! <= line.quantity && l.quantity > 0);
      assert.ok(Number.isInteger(l.amountMinor) && l.amountMinor > 0 && l.amountMinor <= line.netMinor);
    }
  }
  const clothing = orders.filter((o) => formatOf.get(o.storeCode) === 'clothing');
  const rate = returns.filter((r) => formatOf.get(r.storeCode) === 'clothing').length / clothing.length;
  assert.ok(rate > 0.015 && rate < 0.05, `clothing return rate ${rate}`);
});

test('repeat buying follows each format: tea and groceries often, clothing seldom', () => {
  const stats = new Map<string, Map<string, number>>();
  for (const o of orders) {
    const c = memberOf(o);
    if (!c) continue;
    const f = formatOf.get(o.storeCode)!;
    const m = stats.get(f) ?? new Map<string, number>();
    stats.set(f, m);
    m.set(c.memberNo!, (m.get(c.memberNo!) ?? 0) + 1);
  }
  const summary = (f: string) => {
    const counts = [...stats.get(f)!.values()];
    return { repeat: counts.filter((n) => n >= 2).length / counts.length, perBuyer: counts.reduce((a, b) => a + b, 0) / counts.length };
  };
  const [clothing, tea, mart] = [summary('clothing'), summary('tea'), summary('supermarket')];
  assert.ok(clothing.repeat > 0.3 && clothing.repeat < 0.75, `clothing ${clothing.repeat}`);
  assert.ok(tea.repeat > 0.65 && tea.repeat < 0.95, `tea ${tea.repeat}`);
  assert.ok(mart.repeat > 0.7 && mart.repeat < 0.97, `supermarket ${mart.repeat}`);
  assert.ok(tea.perBuyer > 2 * clothing.perBuyer);
});

test('the calendar shows: 双11 for clothing, 春节 dip for tea', () => {
  const weekly = (format: string) => {
    const weeks = new Array<number>(53).fill(0);
    for (const o of orders) {
      if (formatOf.get(o.storeCode) !== format) continue;
      weeks[Math.floor(daysBetween(FIRST, o.businessDate) / 7)]! += o.lines.reduce((a, l) => a + l.netMinor, 0);
    }
    return { weeks, avg: weeks.slice(0, 52).reduce((a, b) => a + b, 0) / 52 };
  };
  const cloth = weekly('clothing');
  const double11 = Math.floor(daysBetween(FIRST, '2024-11-05') / 7);
  assert.ok(cloth.weeks[double11]! > 1.5 * cloth.avg, 'Double 11 week beats an average week');
  const tea = weekly('tea');
  assert.ok(tea.weeks[Math.floor(daysBetween(FIRST, '2024-02-12') / 7)]! < 0.75 * tea.avg, 'Spring Festival week is quiet');
});

test('baskets carry pairs and cycles for later analysis', () => {
  const has = (o: OrderInput, pred: (sku: string) => boolean) => o.lines.some((l) => pred(l.sku!));
  const tea = orders.filter((o) => formatOf.get(o.storeCode) === 'tea');
  const milkTea = tea.filter((o) => o.lines.some((l) => l.category!.startsWith('奶茶/经典/')));
  const pearls = (o: OrderInput) => has(o, (s) => s === 'T4001');
  assert.ok(milkTea.filter(pearls).length / milkTea.length > 2 * (tea.filter(pearls).length / tea.length - 0.1));
  const formula = orders.filter((o) => has(o, (s) => s === 'S5001' || s === 'S5002'));
  assert.ok(formula.filter((o) => has(o, (s) => s === 'S5011' || s === 'S5012')).length > 0.5 * formula.length);
  const last = new Map<string, string>();
  const gaps: number[] = [];
  for (const o of formula) {
    const c = memberOf(o);
    if (!c) continue;
    const prev = last.get(c.memberNo!);
    if (prev) gaps.push(daysBetween(prev, o.businessDate));
    last.set(c.memberNo!, o.businessDate);
  }
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  assert.ok(gaps.length > 20 && median >= 25 && median <= 35, `formula cycle median ${median}`);
});
