// Rows of the role × route matrix (test/api-roles.test.ts) for checkout and loyalty. Carts name store
// S1, where the manager, the clerk and the POS token work; coupons are issued fresh per request.
import { issueCoupons } from '../../src/app/loyalty/issue.ts';
import { adjustPoints, registerMember } from '../../src/app/loyalty/members.ts';
import { loadPromotions, savePromotionDefinition, saveSettings } from '../../src/app/loyalty/settings.ts';
import { NOW, type Api } from '../support/api.ts';
import type { Row } from './row.ts';

const cart = (customerId: number) => ({
  storeCode: 'S1', member: { customerId }, lines: [{ lineNo: 1, sku: 'TEE-1', category: '服装/上衣', quantity: 2, unitPriceMinor: 5000 }],
});
const TEMPLATE = { id: 'ROLE-T', name: '满100减10', coupon: true, benefit: { kind: 'amount_off', steps: [{ thresholdMinor: 10000, offMinor: 1000 }] } };
const LADDER = { tiers: [{ code: 'normal', name: '普卡' }, { code: 'silver', name: '银卡', criteria: { growth: 1000 } }] };

async function freshCoupon(api: Api): Promise<string> {
  const now = NOW.toISOString();
  await savePromotionDefinition(api.store.db, TEMPLATE.id, TEMPLATE, { actor: 'test', now });
  const [c] = await issueCoupons(api.store.db, (await loadPromotions(api.store.db)).map((p) => p.promotion), { templateId: TEMPLATE.id }, now);
  return c!.code;
}

/** Points for the seed customer to give away, and (for transfers) a receiver and the policy switch. */
async function pointsToGive(api: Api, customerId: number): Promise<void> {
  await adjustPoints(api.store.db, customerId, { points: 100, reason: 'role matrix' }, { now: NOW, actor: 'test' });
}

//                                                    owner manager clerk analyst pos
export const ROWS: Row[] = [
  ['POST', '/api/checkout/quote',                     'Y     Y       Y     -       Y', (_a, _w, c) => ({ url: '/api/checkout/quote', payload: cart(c.customerId) })],
  ['POST', '/api/checkout/commit',                    'Y     Y       Y     -       Y', (_a, who, c) => ({
    url: '/api/checkout/commit', headers: { 'idempotency-key': `commit-${who}` }, payload: cart(c.customerId) })],
  ['POST', '/api/orders/{id}/returns',                'Y     Y       Y     -       Y', async (api, who, c) => {
    const res = await api.call('owner', { method: 'POST', url: '/api/checkout/commit', headers: { 'idempotency-key': `to-return-${who}` }, payload: cart(c.customerId) });
    return { url: `/api/orders/${res.json<{ orderId: number }>().orderId}/returns`, payload: { externalId: `R-${who}`, lines: [{ lineNo: 1, quantity: 1 }] } };
  }],
  ['POST', '/api/coupons/{code}/reserve',             'Y     Y       Y     -       Y', async (api, who) => ({
    url: `/api/coupons/${await freshCoupon(api)}/reserve`, payload: { checkoutId: `till-${who}` } })],
  ['POST', '/api/coupons/{code}/release',             'Y     Y       Y     -       Y', async (api, who) => ({
    url: `/api/coupons/${await freshCoupon(api)}/release`, payload: { checkoutId: `till-${who}` } })],
  ['POST', '/api/loyalty/members',                    'Y     Y       Y     -       Y', (_a, who) => ({
    url: '/api/loyalty/members', payload: { memberNo: `REG-${who}`, storeCode: 'S1' } })],
  ['GET', '/api/loyalty/settings',                    'Y     Y       Y     Y       -', () => ({ url: '/api/loyalty/settings' })],
  ['PUT', '/api/loyalty/tiers',                       'Y     -       -     -       -', () => ({ url: '/api/loyalty/tiers', payload: LADDER })],
  ['PUT', '/api/loyalty/earn-rules',                  'Y     -       -     -       -', () => ({ url: '/api/loyalty/earn-rules', payload: { basePointsPerUnit: 1 } })],
  ['PUT', '/api/loyalty/policy',                      'Y     -       -     -       -', () => ({ url: '/api/loyalty/policy', payload: { returnWindowDays: 7 } })],
  ['GET', '/api/loyalty/promotions',                  'Y     Y       Y     Y       -', () => ({ url: '/api/loyalty/promotions' })],
  ['PUT', '/api/loyalty/promotions/{id}',             'Y     -       -     -       -', (_a, who) => ({
    url: `/api/loyalty/promotions/P-${who}`, payload: { id: `P-${who}`, name: '全场9折', benefit: { kind: 'percent_off', offBp: 1000 } } })],
  ['POST', '/api/loyalty/promotions/{id}/coupons',    'Y     Y       -     -       -', async (api) => {
    await freshCoupon(api);
    return { url: `/api/loyalty/promotions/${TEMPLATE.id}/coupons`, payload: { count: 2 } };
  }],
  ['GET', '/api/customers/{id}/ledger',               'Y     Y       Y     Y       -', (_a, _w, c) => ({ url: `/api/customers/${c.customerId}/ledger` })],
  ['POST', '/api/customers/{id}/points',              'Y     Y       -     -       -', (_a, who, c) => ({
    url: `/api/customers/${c.customerId}/points`, payload: { points: 10, reason: `test ${who}` } })],
  ['POST', '/api/customers/{id}/tier',                'Y     Y       -     -       -', (_a, who, c) => ({
    url: `/api/customers/${c.customerId}/tier`, payload: { tierCode: 'normal', reason: `test ${who}` } })],
  ['POST', '/api/loyalty/expiry-runs',                'Y     Y       -     -       -', () => ({ url: '/api/loyalty/expiry-runs', payload: {} })],
  ['POST', '/api/loyalty/tiers/backtest',             'Y     Y       -     Y       -', () => ({
    url: '/api/loyalty/tiers/backtest', payload: { ladder: LADDER, from: '2024-01-01', to: '2024-06-01' } })],
  ['GET', '/api/loyalty/liability',                   'Y     Y       -     Y       -', () => ({ url: '/api/loyalty/liability?from=2024-01&to=2024-06' })],
  ['POST', '/api/loyalty/tier-reviews',               'Y     -       -     -       -', () => ({ url: '/api/loyalty/tier-reviews', payload: {} })],
  ['POST', '/api/loyalty/birthday-runs',              'Y     Y       -     -       -', () => ({ url: '/api/loyalty/birthday-runs', payload: {} })],
  ['POST', '/api/loyalty/daily-runs',                 'Y     -       -     -       -', () => ({ url: '/api/loyalty/daily-runs', payload: {} })],
  ['POST', '/api/loyalty/members/{id}/donations',     'Y     Y       -     -       -', async (api, who, c) => {
    await pointsToGive(api, c.customerId);
    return { url: `/api/loyalty/members/${c.customerId}/donations`, headers: { 'idempotency-key': `donate-${who}` }, payload: { points: 10, cause: '希望工程' } };
  }],
  ['POST', '/api/loyalty/members/{id}/transfers',     'Y     Y       -     -       -', async (api, who, c) => {
    await pointsToGive(api, c.customerId);
    await saveSettings(api.store.db, 'policy', { ledger: { transferEnabled: true } }, { actor: 'test', now: NOW.toISOString() });
    const to = await registerMember(api.store.db, { memberNo: `TO-${who}` }, { now: NOW, actor: 'test', storeIds: null });
    return { url: `/api/loyalty/members/${c.customerId}/transfers`, headers: { 'idempotency-key': `transfer-${who}` }, payload: { to: { customerId: to.customerId }, points: 10 } };
  }],
];
