// Segment facts as of a date, on both dialects, against figures worked out by hand from the fixture
// (test/segments-fixture.ts); the summary path and the activity path must agree where both apply.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { recordFixture } from './segments-fixture.ts';
import { DEFAULT_SETTINGS, parseSegmentSettings } from '../src/domain/segments/settings.ts';
import { loadFacts, lastDataDate } from '../src/store/segments.repo.ts';
import { loadBehaviour } from '../src/store/segments-behaviour.repo.ts';
import { computeScheme, resolveAsOf, selectMembers, tagCounts, type SegmentRequest } from '../src/app/segments.ts';
import { listSegmentsWithCounts, removeSegment, saveSegment, saveTagRule } from '../src/app/segment-saved.ts';
import { segmentTransitions, takeSnapshot } from '../src/app/segment-snapshots.ts';
import { listSnapshots } from '../src/store/segments-saved.repo.ts';
import { AppError } from '../src/domain/errors.ts';

const TODAY = '2024-06-01';
const req = (over: Partial<SegmentRequest> = {}): SegmentRequest => ({ settings: DEFAULT_SETTINGS, today: TODAY, ...over });
const base = (f: { id: number; firstPurchaseDate: string; lastPurchaseDate: string; orders: number; purchaseDays: number; salesMinor: number; returnMinor: number; netMinor: number; categories: number }) => f;

forEachDialect('segment facts and use-cases', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let ids: Awaited<ReturnType<typeof recordFixture>>;
  before(async () => { store = await freshStore(dialect); });
  after(() => store.drop());

  test('an empty store: no facts, no segments, as-of defaults to today', async () => {
    assert.equal(await lastDataDate(store.db), null);
    assert.equal(await resolveAsOf(store.db, null, TODAY), TODAY);
    const r = await computeScheme(store.db, 'rfm', req());
    assert.equal(r.customers, 0);
    assert.ok(r.segments.every((s) => s.count === 0) && r.segments.length === 11);
    assert.equal((await computeScheme(store.db, 'pyramid', req())).customers, 0);
    ids = await recordFixture(store.db);
  });

  test('as of a date on or after the last data: the stored summary, customers with only returns left out', async () => {
    assert.equal(await lastDataDate(store.db), '2024-03-09');
    assert.equal(await resolveAsOf(store.db, null, TODAY), '2024-03-10');
    const { facts, source } = await loadFacts(store.db, { asOf: '2024-03-31', windowDays: null, costAndUnits: true });
    assert.equal(source, 'summary');
    assert.deepEqual(facts.map((f) => f.id), [ids.M1, ids.M2, ids.M4, ids.M5].sort((a, b) => a - b));
    const by = new Map(facts.map((f) => [f.id, f]));
    assert.deepEqual(by.get(ids.M1), { id: ids.M1, firstPurchaseDate: '2024-01-10', lastPurchaseDate: '2024-03-09', orders: 3, purchaseDays: 3, salesMinor: 7500, returnMinor: 0, netMinor: 7500, costMinor: 0, costedSalesMinor: 0, items: 4, categories: 2 });
    assert.deepEqual(by.get(ids.M2), { id: ids.M2, firstPurchaseDate: '2024-02-01', lastPurchaseDate: '2024-02-01', orders: 1, purchaseDays: 1, salesMinor: 3000, returnMinor: 3000, netMinor: 0, costMinor: 0, costedSalesMinor: 0, items: 1, categories: 1 });
    assert.deepEqual([by.get(ids.M4)!.orders, by.get(ids.M4)!.purchaseDays, by.get(ids.M4)!.netMinor], [2, 1, 2000]);
    assert.deepEqual([by.get(ids.M5)!.costMinor, by.get(ids.M5)!.costedSalesMinor], [5000, 8000]);
  });

  test('as of a past date: aggregated from the activity tables, refunds only once dated', async () => {
    const { facts, source } = await loadFacts(store.db, { asOf: '2024-02-15', windowDays: null, costAndUnits: true });
    assert.equal(source, 'activity');
    assert.deepEqual(facts.map(base), [
      { id: ids.M1, firstPurchaseDate: '2024-01-10', lastPurchaseDate: '2024-02-10', orders: 2, purchaseDays: 2, salesMinor: 6500, returnMinor: 0, netMinor: 6500, categories: 2 },
      { id: ids.M2, firstPurchaseDate: '2024-02-01', lastPurchaseDate: '2024-02-01', orders: 1, purchaseDays: 1, salesMinor: 3000, returnMinor: 3000, netMinor: 0, categories: 1 },
    ].sort((a, b) => a.id - b.id).map((f) => ({ ...f, costMinor: 0, costedSalesMinor: 0, items: f.id === ids.M1 ? 3 : 1 })));
    const before = await loadFacts(store.db, { asOf: '2024-02-03', windowDays: null });
    assert.equal(before.facts.find((f) => f.id === ids.M2)!.netMinor, 3000, 'the refund of 02-05 is not yet there on 02-03');
    assert.equal((await loadFacts(store.db, { asOf: '2024-01-09', windowDays: null })).facts.length, 0);
  });

  test('a 30-day window counts orders after 03-01 only; recency and first purchase still see all history', async () => {
    const { facts } = await loadFacts(store.db, { asOf: '2024-03-31', windowDays: 30 });
    const by = new Map(facts.map((f) => [f.id, f]));
    assert.deepEqual([by.get(ids.M1)!.orders, by.get(ids.M1)!.salesMinor, by.get(ids.M1)!.firstPurchaseDate], [1, 1000, '2024-01-10']);
    assert.deepEqual([by.get(ids.M2)!.orders, by.get(ids.M2)!.netMinor], [0, 0]);
    assert.equal(by.get(ids.M4)!.orders, 0, '03-01 is 30 days back: outside (03-01, 03-31]');
    assert.equal(by.get(ids.M5)!.orders, 1);
  });

  test('summary path = activity path as of the last data date (two independent computations)', async () => {
    const fromSummary = await loadFacts(store.db, { asOf: '2024-03-09', windowDays: null, costAndUnits: true });
    const fromActivity = await loadFacts(store.db, { asOf: '2024-03-09', windowDays: 100000, costAndUnits: true });
    assert.equal(fromSummary.source, 'summary');
    assert.equal(fromActivity.source, 'activity');
    assert.deepEqual(fromActivity.facts, fromSummary.facts);
  });

  test('store filter: customers who bought at S2', async () => {
    const { facts } = await loadFacts(store.db, { asOf: '2024-03-31', windowDays: null, storeId: (await store.db.selectFrom('stores').select('id').where('code', '=', 'S2').executeTakeFirstOrThrow()).id });
    assert.deepEqual(facts.map((f) => f.id), [ids.M5]);
    const r = await computeScheme(store.db, 'rfm', req({ asOf: '2024-03-31', store: 'S2' }));
    assert.equal(r.customers, 1);
    await assert.rejects(computeScheme(store.db, 'rfm', req({ store: 'NOPE' })), (e: unknown) => e instanceof AppError && e.field === '/store');
  });

  test('behaviour: previous purchase day, weekend and discounted orders, units, category preferences', async () => {
    // As the app loads them: the behaviour columns read from the summary with the facts.
    const { facts, behaviour: summary } = await loadFacts(store.db, { asOf: '2024-03-31', windowDays: null, behaviour: true });
    assert.notEqual(summary, null, 'as of the last date over all history the summary answers');
    const prefs = [{ tag: 'A', category: 'cat-A', minOrders: 1, days: 90 }, { tag: 'clothes', category: '服装', minOrders: 1, days: 90 }];
    const b = await loadBehaviour(store.db, facts, { asOf: '2024-03-31', windowDays: null, summary, parts: { days: true, orders: true, profile: true, categories: prefs } });
    const by = new Map(facts.map((f, i) => [f.id, b[i]!]));
    const m1 = by.get(ids.M1)!;
    assert.deepEqual([m1.previousPurchaseDate, m1.weekendOrders, m1.discountedOrders], ['2024-02-10', 2, 1]);
    // cat-A: O1 and O3 for M1; O4 for M2 (the refund does not unbuy it); O5, O6 for M4. 服装 covers 服装/上衣, not 服装x.
    assert.deepEqual(m1.categoryOrders, { A: 2 });
    assert.deepEqual(by.get(ids.M2)!.categoryOrders, { A: 1 });
    assert.deepEqual(by.get(ids.M4)!.categoryOrders, { A: 2 });
    assert.deepEqual(by.get(ids.M5)!.categoryOrders, { clothes: 1 });
    assert.equal(by.get(ids.M4)!.previousPurchaseDate, null, 'two orders on one day are one purchase day');
    // Kept in the summary or read from customer_day and orders (without the summary's columns): the same facts.
    const parts = { days: true, orders: true };
    const activity = await loadBehaviour(store.db, facts, { asOf: '2024-03-31', windowDays: null, parts });
    assert.deepEqual(await loadBehaviour(store.db, facts, { asOf: '2024-03-31', windowDays: null, parts, summary }), activity);
    assert.deepEqual((await loadFacts(store.db, { asOf: '2024-03-31', windowDays: null })).facts, facts, 'the columns do not change the facts');
    assert.equal((await loadFacts(store.db, { asOf: '2024-03-31', windowDays: 30, behaviour: true })).behaviour, null, 'a window: not from the summary');
    // 30 days before 03-31 leaves only M1's O3 in cat-A's window for M1.
    const short = await loadBehaviour(store.db, facts, { asOf: '2024-03-31', windowDays: null, parts: { categories: [{ ...prefs[0]!, days: 30 }] } });
    assert.deepEqual(short.map((x) => x.categoryOrders.A ?? 0), facts.map((f) => (f.id === ids.M1 ? 1 : 0)));
  });

  test('RFM as of 2024-03-31 by hand: champions 1, loyal 2, hibernating 1 — summing to the 4 buyers', async () => {
    // Recency M1 22, M2 59, M4 30, M5 26 → R 5, 2, 3, 4. F 3, 1, 2, 1 → 5, 2, 4, 2. M 7500, 0, 2000, 8000 → 4, 2, 3, 5.
    // M1 R5 FM round(4.5)=5 champions; M2 R2 FM 2 hibernating; M4 R3 FM round(3.5)=4 loyal; M5 R4 FM round(3.5)=4 loyal.
    const r = await computeScheme(store.db, 'rfm', req({ asOf: '2024-03-31' }));
    assert.equal(r.source, 'summary');
    const counts = Object.fromEntries(r.segments.filter((s) => s.count).map((s) => [s.name, s.count]));
    assert.deepEqual(counts, { champions: 1, loyal: 2, hibernating: 1 });
    const m = await selectMembers(store.db, { scheme: 'rfm', segment: 'loyal' }, req({ asOf: '2024-03-31' }));
    assert.deepEqual(m.indexes.map((i) => m.population.evaluation.input.facts[i]!.id), [ids.M4, ids.M5].sort((a, b) => a - b));
    await assert.rejects(selectMembers(store.db, { scheme: 'rfm', segment: 'gold' }, req()), (e: unknown) => e instanceof AppError && e.field === '/segment');
  });

  test('pyramid says it ranked by spend because cost is unknown for most orders', async () => {
    const r = await computeScheme(store.db, 'pyramid', req({ asOf: '2024-03-31' }));
    assert.match(r.notes[0]!, /net spend: cost is unknown for some orders of 3 of 4 customers/);
    assert.equal(r.segments.reduce((s, x) => s + x.count, 0), 4);
  });

  test('tags and custom tag rules', async () => {
    await saveTagRule(store.db, { name: 'big', label: '大客户', rule: { all: [{ field: 'netMinor', op: 'gte', value: 7500 }] } }, { actor: 'test', now: '2024-06-01T00:00:00Z' });
    const t = await tagCounts(store.db, req({ asOf: '2024-03-31' }));
    const count = (name: string) => t.tags.find((x) => x.name === name)?.count;
    // Lifecycle as of 03-31 (new ≤ 30 days since first): M4 (30) and M5 (26) new; M1, M2 active.
    assert.deepEqual([count('lifecycle:new'), count('lifecycle:active'), count('big')], [2, 2, 2]);
    assert.equal(count('weekend_shopper'), 1, 'M1: 2 of 3 orders on Saturdays');
    await assert.rejects(saveTagRule(store.db, { name: 'big', rule: { all: [{ field: 'orders', op: 'gt', value: 1 }] } }, { actor: null, now: TODAY }),
      (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    await assert.rejects(saveTagRule(store.db, { name: 'weekend_shopper', rule: { all: [{ field: 'orders', op: 'gt', value: 1 }] } }, { actor: null, now: TODAY }),
      (e: unknown) => e instanceof AppError && e.field === '/name');
  });

  test('saved dynamic segments: save, count, members, delete; bad rules named', async () => {
    const by = { actor: 'test', now: '2024-06-01T00:00:00Z' };
    const s = await saveSegment(store.db, { name: 'repeat buyers', rule: { all: [{ field: 'orders', op: 'gte', value: 2 }] } }, by);
    const tagged = await saveSegment(store.db, { name: 'big spenders', rule: { any: [{ field: 'tags', op: 'contains', value: 'big' }] } }, by);
    const listed = await listSegmentsWithCounts(store.db, req({ asOf: '2024-03-31' }));
    assert.deepEqual(listed.segments.map((x) => [x.name, x.count]), [['big spenders', 2], ['repeat buyers', 2]]);
    const m = await selectMembers(store.db, { savedId: s.id }, req({ asOf: '2024-03-31' }));
    assert.deepEqual(m.indexes.map((i) => m.population.evaluation.input.facts[i]!.id), [ids.M1, ids.M4].sort((a, b) => a - b));
    await assert.rejects(saveSegment(store.db, { name: 'x', rule: { all: [{ field: 'orders', op: 'gte', value: '2' }] } }, by),
      (e: unknown) => e instanceof AppError && e.field === '/rule/all/0/value');
    await removeSegment(store.db, tagged.id, by);
    await assert.rejects(removeSegment(store.db, tagged.id, by), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
  });

  test('snapshots and the lifecycle transition matrix between 02-15 and 03-31', async () => {
    const snap = await takeSnapshot(store.db, 'lifecycle', req({ asOf: '2024-02-15' }));
    // As of 02-15: M1 active (first 36 days back), M2 new (14 days).
    assert.deepEqual(Object.fromEntries(snap.segments.filter((s) => s.count).map((s) => [s.name, s.count])), { new: 1, active: 1 });
    const t = await segmentTransitions(store.db, 'lifecycle', { from: '2024-02-15', to: '2024-03-31' }, req());
    assert.deepEqual([t.from.source, t.to.source], ['snapshot', 'computed']);
    const cell = (a: string, b: string) => t.counts[t.segments.indexOf(a)]![t.segments.indexOf(b)];
    assert.equal(cell('active', 'active'), 1);
    assert.equal(cell('new', 'active'), 1);
    assert.equal(cell('(none)', 'new'), 2, 'M4 and M5 had not bought yet');
    assert.equal(t.customers, 4);
    assert.ok((await listSnapshots(store.db)).some((x) => x.scheme === 'lifecycle' && x.asOf === '2024-02-15' && x.customers === 2));
    await assert.rejects(segmentTransitions(store.db, 'lifecycle', { from: '2024-03-31', to: '2024-02-15' }, req()), (e: unknown) => e instanceof AppError && e.field === '/from');
    await assert.rejects(takeSnapshot(store.db, 'saved:abc', req()), (e: unknown) => e instanceof AppError && e.field === '/scheme');
  });

  test('fixed thresholds per business change the segments (by hand)', async () => {
    // R: 22 → ≤ 28 → 2; 59 → 1; 30 → 1; 26 → 2. F: 3 → 3; 1 → 1; 2 → 2; 1 → 1. M: 7500 → 4; 0 → 1; 2000 → 3; 8000 → 5.
    // M1 R2 FM round(3.5)=4 at risk; M2 R1 FM 1 lost; M4 R1 FM round(2.5)=3 at risk; M5 R2 FM 3 at risk.
    const settings = parseSegmentSettings({ rfm: { thresholds: { recencyDays: [7, 14, 21, 28], orders: [2, 3, 5, 10], netMinor: [1000, 2000, 5000, 8000] } } });
    const r = await computeScheme(store.db, 'rfm', req({ asOf: '2024-03-31', settings }));
    assert.deepEqual(Object.fromEntries(r.segments.filter((s) => s.count).map((s) => [s.name, s.count])), { at_risk: 3, lost: 1 });
  });
});
