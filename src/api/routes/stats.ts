import { z } from 'zod';
import { storeStats } from '../../app/stats.ts';
import type { App, Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

const Stats = z.object({
  stores: z.number(), customers: z.number().describe('not merged away'), customersWithPurchases: z.number(), products: z.number(),
  orders: z.number(), anonymousOrders: z.number().describe('orders with no customer'), orderLines: z.number(),
  returns: z.number(), anonymousReturns: z.number(), returnLines: z.number(), salesMinor: z.number(), returnMinor: z.number(),
  firstBusinessDate: z.string().nullable(), lastBusinessDate: z.string().nullable(),
}).meta({ id: 'StoreStats' });

export function statsRoutes(app: App, deps: Deps): void {
  app.get('/api/stats', {
    config: { access: 'stats:read' },
    schema: { summary: 'Headline counts of what the store holds', tags: ['stats'], response: { 200: Stats, ...problemResponses } },
  }, async () => storeStats(deps.db));
}
