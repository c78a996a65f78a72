import { z } from 'zod';
import { listProducts } from '../../store/products.repo.ts';
import { listStores } from '../../store/stores.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { inScope } from '../permissions.ts';
import { problemResponses } from '../problem.ts';

const Product = z.object({
  id: z.number(), sku: z.string(), name: z.string().nullable(), category: z.string().nullable(), brand: z.string().nullable(),
  listPriceMinor: z.number().nullable(), unitCostMinor: z.number().nullable(), kind: z.string(),
}).meta({ id: 'Product' });

const StoreSchema = z.object({
  id: z.number(), code: z.string(), name: z.string(), timeZone: z.string().describe('IANA zone; business dates are counted in it'),
  currency: z.string(), format: z.string().nullable(), city: z.string().nullable(),
}).meta({ id: 'Store' });

export function catalogRoutes(app: App, deps: Deps): void {
  app.get('/api/products', {
    config: { access: 'catalog:read' },
    schema: {
      summary: 'List products, optionally filtered by SKU or name', tags: ['catalog'],
      querystring: z.object({
        q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ items: z.array(Product), limit: z.number(), offset: z.number() }), ...problemResponses },
    },
  }, async (req) => {
    const { q, limit, offset } = req.query;
    return { items: await listProducts(deps.db, { ...(q ? { q } : {}), limit, offset }), limit, offset };
  });

  app.get('/api/stores', {
    config: { access: 'catalog:read' },
    schema: {
      summary: 'List the stores the caller works in (every store for unscoped staff)', tags: ['catalog'],
      response: { 200: z.object({ items: z.array(StoreSchema) }), ...problemResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    return { items: (await listStores(deps.db)).filter((s) => inScope(p, s.id)) };
  });
}
