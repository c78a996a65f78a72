// Promotions for a segment (audience `segments`): pricing reads the member's segment in the latest
// snapshot of each scheme a promotion names, on or before the sale's business date. Through the HTTP
// API on both dialects; the snapshots are written as the segmentation's snapshot job writes them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { forEachDialect } from './support/dialects.ts';
import { apiFixture, json, type Api } from './support/api.ts';
import { schemeOfAudience } from '../src/app/loyalty/member-segments.ts';

// The fixture's clock: 2024-06-01T00:00Z, 08:00 in Shanghai: business date 2024-06-01.
const PROMOTIONS = [
  { id: 'VIP10', name: '冠军客户九折', audience: { segments: ['rfm:champions'] }, benefit: { kind: 'percent_off', offBp: 1000 } },
  { id: 'BACK', name: '老客回归减¥30', audience: { segments: ['saved:7'] }, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 3000 }] } },
];
interface QuoteBody { quote: { totals: { promotionDiscountMinor: number }; applied: { id: string }[]; notApplied: { id: string | null; reason: { code: string } }[] } }

test('an audience name names its snapshot scheme', () => {
  assert.deepEqual(['rfm:champions', 'retention:dormant', 'saved:7', 'saved:7:member', 'abcd:A'].map(schemeOfAudience), ['rfm', 'retention', 'saved:7', 'saved:7', 'abcd']);
});

forEachDialect('checkout API: promotions for a segment', (dialect) => {
  let api: Api;
  const ok = (res: LightMyRequestResponse, status = 200) => { assert.equal(res.statusCode, status, res.body); return json(res); };
  const register = async (memberNo: string) => (ok(await api.call('pos', { method: 'POST', url: '/api/loyalty/members', payload: { storeCode: 'S1', memberNo } }), 201) as { customerId: number }).customerId;
  const quote = async (customerId: number) => ok(await api.call('pos', {
    method: 'POST', url: '/api/checkout/quote', payload: { storeCode: 'S1', member: { customerId }, lines: [{ lineNo: 1, sku: 'TEE', category: '服装', quantity: 1, unitPriceMinor: 20000 }] },
  })) as unknown as QuoteBody;
  const snapshot = (scheme: string, asOf: string, rows: [number, string][]) => api.store.db.insertInto('segment_snapshots')
    .values(rows.map(([customer_id, segment]) => ({ scheme, as_of: asOf, customer_id, segment }))).execute();
  const applied = (q: QuoteBody) => q.quote.applied.map((a) => a.id).sort();
  const refused = (q: QuoteBody, id: string) => q.quote.notApplied.find((n) => n.id === id)?.reason.code;
  let champion: number, other: number;

  before(async () => {
    api = await apiFixture(dialect);
    for (const p of PROMOTIONS) ok(await api.call('owner', { method: 'PUT', url: `/api/loyalty/promotions/${p.id}`, payload: p }));
    champion = await register('SEG-1');
    other = await register('SEG-2');
  });
  after(() => api.close());

  test('no snapshot yet: nobody is in a segment, the cashier is told why', async () => {
    const q = await quote(champion);
    assert.deepEqual(applied(q), []);
    assert.equal(refused(q, 'VIP10'), 'SEGMENT_NOT_ELIGIBLE');
  });

  test('the latest snapshot on or before the sale decides; one taken after the sale does not count', async () => {
    await snapshot('rfm', '2024-05-01', [[champion, 'champions'], [other, 'champions']]);
    await snapshot('rfm', '2024-05-31', [[champion, 'champions'], [other, 'at_risk']]);
    await snapshot('rfm', '2024-06-02', [[champion, 'lost'], [other, 'champions']]);
    // ¥200 − 10 % = ¥20 off for the champion as of 05-31; the other member was at risk then.
    const c = await quote(champion);
    assert.deepEqual([applied(c), c.quote.totals.promotionDiscountMinor], [['VIP10'], 2000]);
    const o = await quote(other);
    assert.deepEqual([applied(o), refused(o, 'VIP10')], [[], 'SEGMENT_NOT_ELIGIBLE']);
  });

  test('a saved dynamic segment is named by its scheme; members outside the snapshot are not in it', async () => {
    await snapshot('saved:7', '2024-05-20', [[other, 'member']]);
    const o = await quote(other);
    assert.deepEqual(applied(o), ['BACK']);
    assert.equal(o.quote.totals.promotionDiscountMinor, 3000);
    assert.equal(refused(await quote(champion), 'BACK'), 'SEGMENT_NOT_ELIGIBLE');
  });
});
