// The model use-cases over a real store, on both dialects, checked against figures worked out from the
// shop's schedule (test/models-shop.ts) without the store: visit dates, baskets, cycles.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { churnList } from '../src/app/models/churn.ts';
import { fitClv } from '../src/app/models/clv-fit.ts';
import { validateClv } from '../src/app/models/clv-validate.ts';
import { customerPredictions } from '../src/app/models/predictions.ts';
import { fitBasketModels } from '../src/app/models/basket-fit.ts';
import { recommendForCustomer } from '../src/app/models/recommend.ts';
import { replenishmentDue } from '../src/app/models/replenish.ts';
import { resolveCustomer } from '../src/app/models/resolve-customer.ts';
import { mineRules } from '../src/app/models/rules.ts';
import { bundleReport } from '../src/app/models/bundles.ts';
import { bgnbdConditionalExpected, bgnbdPAlive, fitBgNbd } from '../src/domain/models/bgnbd.ts';
import { fitGammaGamma } from '../src/domain/models/gamma-gamma.ts';
import { groupTriples } from '../src/domain/models/triples.ts';
import { addDays, daysBetween } from '../src/domain/time.ts';
import { basketLines, basketsOf, latestModelFit, purchaseDays } from '../src/store/models.repo.ts';
import { forEachDialect, freshStore } from './support/dialects.ts';
import { basketOf, cycleOf, memberNo, seedShop, stops, visitsOf } from './models-shop.ts';

const MEMBERS = Array.from({ length: 60 }, (_, k) => k + 1);
const PRICE: Record<string, number> = { MILK: 1500, BREAD: 1000, JAM: 2500, SUIT: 99900, TIE: 19900 };
const NOW = '2024-07-01T00:00:00.000Z';

/** (x, t_x, T) in weeks and mean repeat spend (yuan) of member i at a cutoff, straight from the schedule. */
function scheduleHistory(i: number, cutoff: string) {
  const visits = visitsOf(i).filter((d) => d <= cutoff);
  const repeat = visits.slice(1);
  const spend = repeat.map((d) => basketOf(i, visits.indexOf(d)).reduce((s, sku) => s + PRICE[sku]!, 0));
  return {
    x: repeat.length, tx: daysBetween(visits[0]!, visits.at(-1)!) / 7, T: daysBetween(visits[0]!, cutoff) / 7,
    m: spend.reduce((a, b) => a + b, 0) / Math.max(1, spend.length) / 100,
  };
}

forEachDialect('models over the store', (dialect) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const id = new Map<number, number>();
  before(async () => {
    store = await freshStore(dialect);
    await seedShop(store.db);
    for (const i of MEMBERS) id.set(i, await resolveCustomer(store.db, memberNo(i)));
  });
  after(() => store.drop());

  test('purchase days and baskets come back as scheduled', async () => {
    const days = await purchaseDays(store.db, { upTo: '2024-12-31', customerId: id.get(7)! });
    assert.deepEqual(days.map((d) => d.date), visitsOf(7));
    assert.deepEqual(days.map((d) => d.salesMinor), visitsOf(7).map((_, k) => basketOf(7, k).reduce((s, sku) => s + PRICE[sku]!, 0)));
    const all = await purchaseDays(store.db, { upTo: '2024-03-31' });
    assert.equal(all.length, MEMBERS.reduce((n, i) => n + visitsOf(i).filter((d) => d <= '2024-03-31').length, 0));
    const baskets = basketsOf(await basketLines(store.db, { level: 'sku' }));
    assert.equal(baskets.length, MEMBERS.reduce((n, i) => n + visitsOf(i).length, 0) + 10);
    const feb = basketsOf(await basketLines(store.db, { level: 'category', from: '2024-02-01', to: '2024-02-10' }));
    assert.equal(feb.filter((b) => b.includes('饮料/汽水')).length, 10);
  });

  test('clv fit through the store equals the library fit on schedule-built histories, and is stored', async () => {
    const fit = await fitClv(store.db, { calibrationEnd: '2024-03-31', period: 'week', now: NOW });
    const histories = MEMBERS.map((i) => scheduleHistory(i, '2024-03-31'));
    const bg = fitBgNbd(groupTriples(histories));
    assert.equal(fit.params.method, 'bgnbd');
    assert.equal(fit.customers, 60);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) assert.ok(Math.abs(fit.params.bgnbd![k] / bg.params[k] - 1) < 1e-9, k);
    assert.ok(Math.abs(fit.logLik! - bg.logLikelihood) < 1e-6);
    const gg = fitGammaGamma(histories);
    for (const k of ['p', 'q', 'gamma'] as const) assert.ok(Math.abs(fit.params.gammaGamma![k] / gg.params[k] - 1) < 1e-9, k);
    assert.equal((await latestModelFit(store.db, 'clv'))!.id, fit.id);
  });

  test('predictions for one member: model figures from the stored fit, rule figures from the schedule', async () => {
    const fit = await fitClv(store.db, { calibrationEnd: '2024-03-31', period: 'week', now: NOW });
    const i = 10; // stops after mid-March; cycle 21 days
    const p = await customerPredictions(store.db, id.get(i)!, { asOf: '2024-06-30' });
    const h = scheduleHistory(i, '2024-06-30');
    const last = visitsOf(i).at(-1)!;
    assert.match(p.message!, /^no basket model stored/); // fitted in a later test
    assert.deepEqual(p.history, { purchaseDays: visitsOf(i).length, firstDate: visitsOf(i)[0], lastDate: last, x: h.x, tx: h.tx, T: h.T, unit: 'week' });
    const pAlive = bgnbdPAlive(fit.params.bgnbd!, h);
    assert.ok(Math.abs(p.model!.pAlive! - pAlive) < 1e-12 && Math.abs(p.model!.churnRisk! - (1 - pAlive)) < 1e-12);
    assert.ok(Math.abs(p.model!.expectedOrders - bgnbdConditionalExpected(fit.params.bgnbd!, h, 90 / 7)) < 1e-12);
    assert.deepEqual(p.churnRule, {
      usualCycleDays: cycleOf(i), silentDays: daysBetween(last, '2024-06-30'), k: 2, thresholdDays: 2 * cycleOf(i), formerlyFrequent: true, flagged: true,
    });
    assert.equal(p.nextPurchase.cycleDate, addDays(last, cycleOf(i)));
    // Margin share from the member's own costs: milk 1500/1000, bread 1000/600, no jam (10 mod 3 ≠ 0).
    const visits = visitsOf(i).length;
    const breads = Math.ceil(visits / 2);
    const sales = visits * 1500 + breads * 1000;
    assert.ok(Math.abs(p.model!.clv!.marginShare - (sales - visits * 1000 - breads * 600) / sales) < 1e-12);
  });

  test('the heuristic stands in, and says so, when the base is too small; no fit says how to make one', async () => {
    const fresh = await freshStore(dialect);
    try {
      await seedShop(fresh.db);
      const someone = await resolveCustomer(fresh.db, memberNo(4));
      const none = await customerPredictions(fresh.db, someone, { asOf: '2024-06-30', recommendations: 0 });
      assert.match(none.message!, /no CLV fit stored: run `regulars clv fit/);
      assert.equal(none.model, null);
      assert.equal(none.churnRule!.usualCycleDays, cycleOf(4));
      const fit = await fitClv(fresh.db, { calibrationEnd: '2024-03-31', period: 'week', now: NOW, minCustomers: 100 });
      assert.deepEqual([fit.params.method, fit.details.reason], ['heuristic', 'only 60 customers with a purchase by the calibration end (a fit needs 100)']);
      const p = await customerPredictions(fresh.db, someone, { asOf: '2024-06-30', recommendations: 0 });
      assert.match(p.message!, /^heuristic, not a fitted model: only 60 customers/);
      // Member 4 (cycle 7): x / T purchases per week over 90 days; spend = own mean repeat spend.
      const h = scheduleHistory(4, '2024-06-30');
      assert.ok(Math.abs(p.model!.expectedOrders - (h.x / h.T) * (90 / 7)) < 1e-12);
      assert.equal(p.model!.spendPerOrderMinor, Math.round(h.m * 100));
      assert.equal(p.model!.pAlive, null);
    } finally {
      await fresh.drop();
    }
  });

  test('calibration/holdout validation counts the holdout visits of the schedule', async () => {
    const v = await validateClv(store.db, { calibrationEnd: '2024-03-31', holdoutEnd: '2024-06-30' });
    const actual = MEMBERS.reduce((n, i) => n + visitsOf(i).filter((d) => d > '2024-03-31' && d <= '2024-06-30').length, 0);
    assert.equal(v.actual, actual);
    assert.equal(v.rows.reduce((n, r) => n + r.actual, 0), actual);
    assert.equal(v.customers, 60);
    assert.equal(v.holdoutDays, 91);
    await assert.rejects(validateClv(store.db, { calibrationEnd: '2024-03-31', holdoutEnd: '2024-03-01' }), /holdoutEnd \(2024-03-01\) must come after/);
    await assert.rejects(fitClv(store.db, { calibrationEnd: '2024-3-31', period: 'week', now: NOW }), (e: Error & { field?: string }) => e.field === 'calibrationEnd');
    await assert.rejects(fitClv(store.db, { calibrationEnd: '2024-03-31', period: 'month', now: NOW }), /period must be week or day/);
  });

  test('replenishment due: own interval of milk is the member\'s cycle, bread every second visit', async () => {
    const r = await replenishmentDue(store.db, { asOf: '2024-06-30' });
    const expected: string[] = [];
    for (const i of MEMBERS) {
      const visits = visitsOf(i);
      const lastBread = visits.filter((_, k) => k % 2 === 0).at(-1)!;
      for (const [category, last, interval] of [['食品/乳品/牛奶', visits.at(-1)!, cycleOf(i)], ['食品/烘焙/面包', lastBread, 2 * cycleOf(i)],
        ...(i % 3 === 0 ? [['食品/调味/果酱', lastBread, 2 * cycleOf(i)] as const] : [])] as const) {
        const overdue = daysBetween(addDays(last, interval), '2024-06-30');
        if (overdue >= -7 && overdue <= 2 * interval) expected.push(`${memberNo(i)} ${category} ${overdue}`);
      }
    }
    assert.deepEqual(r.items.map((d) => `${d.memberNo} ${d.item} ${d.daysOverdue}`).sort(), expected.sort());
    assert.ok(r.items.every((d) => d.basis === 'own'));
    // Suits and ties are bought once: no cycle, never due.
    assert.equal(r.replenishableItems, 3);
    assert.ok(stops(10) && !r.items.some((d) => d.memberNo === memberNo(10)), 'lapsed members are a churn question, not a reminder');
  });

  test('churn list: exactly the members who stopped, each silent beyond twice their cycle', async () => {
    const r = await churnList(store.db, { asOf: '2024-06-30' });
    assert.deepEqual(r.customers.map((c) => c.memberNo).sort(), MEMBERS.filter(stops).map(memberNo).sort());
    for (const c of r.customers) {
      const i = Number(c.memberNo!.slice(1));
      assert.equal(c.usualCycleDays, cycleOf(i));
      assert.equal(c.silentDays, daysBetween(visitsOf(i).at(-1)!, '2024-06-30'));
      assert.ok(c.churnRisk !== null && c.churnRisk >= 0 && c.churnRisk <= 1);
    }
  });

  test('recommendations: ties for suit buyers; recent one-off purchases are not offered again', async () => {
    const none = await recommendForCustomer(store.db, id.get(3)!, { asOf: '2024-06-30' });
    assert.deepEqual([none.model, none.items], [null, []]);
    assert.match(none.message!, /no basket model stored: run `regulars baskets fit`/);
    const fit = await fitBasketModels(store.db, { now: NOW });
    assert.deepEqual([fit.asOf, fit.from, fit.customers], ['2024-06-30', '2023-07-02', 60]);
    // Milk, bread and jam are bought again by most of their buyers; suits and ties once each.
    assert.deepEqual(fit.replenishable, { category: 3, sku: 3 });
    // Member 3 bought a suit alone on 2024-01-04; ten members bought suit and tie together.
    const r = await recommendForCustomer(store.db, id.get(3)!, { asOf: '2024-06-30', k: 3 });
    assert.equal(r.items[0]!.sku, 'TIE');
    const n = r.model!.baskets;
    assert.equal(n, MEMBERS.reduce((s, i) => s + visitsOf(i).length, 0) + 10);
    // Summed over member 3's items: each tie basket also holds suit, bread, jam and milk (10 of each), so
    // co-count × lift = 10 · 10n / (n_item · 10) per item; milk is in every basket (lift 1) and adds nothing.
    const holding = (sku: string) => MEMBERS.reduce((s, i) => s + visitsOf(i).filter((_, k) => basketOf(i, k).includes(sku)).length, 0);
    const want = (10 * n) / holding('SUIT') + (10 * n) / holding('BREAD') + (10 * n) / holding('JAM');
    assert.equal(holding('SUIT'), 20);
    assert.ok(Math.abs(r.items[0]!.score - want) < 1e-9, `${r.items[0]!.score} vs ${want}`);
    // Member 6 bought suit and tie on 2024-01-07: within 90 days of 2024-02-01 and not replenishable.
    const m6 = await recommendForCustomer(store.db, id.get(6)!, { asOf: '2024-02-01', k: 10 });
    assert.deepEqual([...m6.excluded].sort(), ['SUIT', 'TIE']);
    assert.ok(!m6.items.some((x) => x.sku === 'SUIT' || x.sku === 'TIE'));
    await assert.rejects(recommendForCustomer(store.db, 1, {}), /customer 1 not found/);
  });

  test('the 360 predictions list the member\'s own reorders due, from the stored basket model', async () => {
    await fitBasketModels(store.db, { now: NOW });
    const i = 4; // cycle 7 days, still buying
    const p = await customerPredictions(store.db, id.get(i)!, { asOf: '2024-06-30' });
    const list = await replenishmentDue(store.db, { asOf: '2024-06-30' });
    assert.deepEqual(p.replenishment.map((d) => [d.category, d.dueDate]).sort(),
      list.items.filter((d) => d.memberNo === memberNo(i)).map((d) => [d.item, d.dueDate]).sort());
    assert.ok(p.replenishment.length > 0);
    assert.equal(p.recommendations.length, 5);
    assert.equal(p.message, null);
  });

  test('rules and bundles at category level from store baskets', async () => {
    const r = await mineRules(store.db, { level: 'category', minSupport: 0.01, minConfidence: 0.9 });
    const n = r.transactions;
    const tieSuit = r.rules.find((x) => x.antecedent[0] === '服装/领带' && x.consequent[0] === '服装/西装')!;
    assert.deepEqual([tieSuit.count, tieSuit.confidence, tieSuit.conviction], [10, 1, null]);
    assert.ok(Math.abs(tieSuit.lift - n / 20) < 1e-9);
    const b = await bundleReport(store.db, { from: '2024-01-01', to: '2024-06-30', minSupport: 0.01, minConfidence: 0.3 });
    // buy SUIT get TIE: confidence 10/20, lift 0.5 / (10/n); margin of a tie 19900 − 8000.
    const offer = b.offers.find((o) => o.buy[0] === 'SUIT' && o.get === 'TIE')!;
    assert.equal(offer.getMarginMinor, 11900);
    assert.equal(offer.upliftMarginMinor, Math.round(0.5 * (1 - 10 / (0.5 * n)) * 11900));
    await assert.rejects(mineRules(store.db, { level: 'aisle', minSupport: 0.1, minConfidence: 0.5 }), /level must be sku or category/);
  });
});
