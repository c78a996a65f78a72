// Rows of the role × route matrix (test/api-roles.test.ts) for this route family. The first model row
// seeds the small shop of test/models-shop.ts once, so every model route has data to answer from.
import { fitBasketModels } from '../../src/app/models/basket-fit.ts';
import { fitClv } from '../../src/app/models/clv-fit.ts';
import { seedShop } from '../models-shop.ts';
import type { Api } from '../support/api.ts';
import type { Row } from './row.ts';

const seeded = new WeakMap<Api, Promise<void>>();
/** Seed the shop and store a CLV fit and a basket model, once per fixture. */
function ready(api: Api): Promise<void> {
  let p = seeded.get(api);
  if (!p) {
    p = (async () => {
      await seedShop(api.store.db, { createStore: false });
      await fitClv(api.store.db, { calibrationEnd: '2024-03-31', period: 'week', now: '2024-07-01T00:00:00.000Z' });
      await fitBasketModels(api.store.db, { now: '2024-07-01T00:00:00.000Z' });
    })();
    seeded.set(api, p);
  }
  return p;
}

//                                                              owner manager clerk analyst pos
export const ROWS: Row[] = [
  ['POST', '/api/models/clv/fit',                               'Y     Y       -     Y       -', async (api) => {
    await ready(api);
    return { url: '/api/models/clv/fit', payload: { calibrationEnd: '2024-03-31', period: 'week' } };
  }],
  ['POST', '/api/models/baskets/fit',                           'Y     Y       -     Y       -', async (api) => (await ready(api),
    { url: '/api/models/baskets/fit', payload: { windowDays: 180 } })],
  ['GET', '/api/models/clv',                                    'Y     Y       -     Y       -', async (api) => (await ready(api), { url: '/api/models/clv' })],
  ['GET', '/api/models/clv/validate',                           'Y     Y       -     Y       -', async (api) => (await ready(api),
    { url: '/api/models/clv/validate?calibrationEnd=2024-03-31&holdoutEnd=2024-06-30' })],
  ['GET', '/api/models/rules',                                  'Y     Y       -     Y       -', async (api) => (await ready(api),
    { url: '/api/models/rules?minSupport=0.05&minConfidence=0.5' })],
  ['GET', '/api/models/bundles',                                'Y     Y       -     Y       -', async (api) => (await ready(api), { url: '/api/models/bundles' })],
  ['GET', '/api/models/churn',                                  'Y     Y       -     Y       -', async (api) => (await ready(api), { url: '/api/models/churn' })],
  ['GET', '/api/replenishment',                                 'Y     Y       -     Y       -', async (api) => (await ready(api), { url: '/api/replenishment' })],
  ['GET', '/api/customers/{id}/predictions',                    'Y     Y       -     Y       -', async (api, _w, c) => (await ready(api),
    { url: `/api/customers/${c.customerId}/predictions` })],
  ['GET', '/api/customers/{id}/recommendations',                'Y     Y       -     Y       -', async (api, _w, c) => (await ready(api),
    { url: `/api/customers/${c.customerId}/recommendations` })],
];
