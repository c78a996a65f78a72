import { z } from 'zod';
import { POS_SOURCE, recordPosOrder, recordPosReturn } from '../../app/pos-sales.ts';
import { LINE_KINDS } from '../../domain/orders/types.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { idempotent } from '../idempotency.ts';
import { problemResponses } from '../problem.ts';

const MAX_MINOR = 1e12;
const minor = () => z.number().int().min(-MAX_MINOR).max(MAX_MINOR);

const Customer = z.object({
  memberNo: z.string().max(64).nullish(),
  phone: z.string().max(40).nullish().describe('Any common writing (+86 138-0013-8000); normalised, 400 when not a phone'),
}).nullish().describe('Omit or null for an anonymous sale');

const Headers = z.looseObject({
  'idempotency-key': z.string().min(1).max(200).optional().describe('Same key + same body → the stored response; same key + other body → 422'),
});

const OrderBody = z.object({
  externalId: z.string().trim().min(1).max(100).describe('The till\'s order number; unique per source "pos"'),
  storeCode: z.string().min(1).max(40),
  placedAt: z.iso.datetime({ offset: true }).describe('ISO instant with offset, e.g. 2024-03-05T14:30:00+08:00'),
  channel: z.string().min(1).max(40).default('store'),
  customer: Customer,
  lines: z.array(z.object({
    sku: z.string().max(64).nullish(), name: z.string().max(200).nullish(), category: z.string().max(200).nullish().describe('Levels joined with "/"'),
    quantity: z.number().int().positive().max(1e6),
    unitPriceMinor: minor().describe('Integer minor units (fen); negative only for discount/voucher lines'),
    discountMinor: minor().min(0).default(0),
    costMinor: minor().min(0).nullish().describe('Cost of goods for the whole line'),
    kind: z.enum(LINE_KINDS).default('merchandise'),
  })).min(1).max(1000),
});

const OrderResult = z.object({
  id: z.number(), source: z.string(), externalId: z.string(), storeCode: z.string(), customerId: z.number().nullable(),
  placedAt: z.string().describe('UTC'), businessDate: z.string().describe('In the store\'s zone'), channel: z.string(),
  grossMinor: z.number(), discountMinor: z.number(), netMinor: z.number(), costMinor: z.number().nullable(), items: z.number(), lineCount: z.number(),
  replayed: z.boolean().describe('true when this order id was already recorded with the same content'),
}).meta({ id: 'RecordedOrder' });

const ReturnBody = z.object({
  externalId: z.string().trim().min(1).max(100),
  storeCode: z.string().min(1).max(40),
  orderExternalId: z.string().max(100).nullish().describe('The original order\'s externalId (recorded through this API)'),
  returnedAt: z.iso.datetime({ offset: true }),
  reason: z.string().max(500).nullish(),
  customer: Customer,
  lines: z.array(z.object({
    sku: z.string().max(64).nullish(), quantity: z.number().int().positive().max(1e6),
    amountMinor: minor().positive().describe('Refunded for the line, integer minor units'),
    orderLineNo: z.number().int().positive().nullish().describe('1-based line number in the original order'),
    kind: z.enum(LINE_KINDS).default('merchandise'), category: z.string().max(200).nullish(),
  })).min(1).max(1000),
});

const ReturnResult = z.object({
  id: z.number(), source: z.string(), externalId: z.string(), orderId: z.number().nullable(), storeCode: z.string(),
  customerId: z.number().nullable(), returnedAt: z.string(), businessDate: z.string(), amountMinor: z.number(), items: z.number(),
  reason: z.string().nullable(), replayed: z.boolean(),
}).meta({ id: 'RecordedReturn' });

export function salesRoutes(app: App, deps: Deps): void {
  app.post('/api/orders', {
    config: { access: 'sales:write' },
    schema: {
      summary: `Record an order from a till. Idempotent by externalId (source "${POS_SOURCE}"): 201 when new, 200 with replayed=true when the same order was sent before, 409 when the id was used for other content`,
      tags: ['sales'], headers: Headers, body: OrderBody,
      response: { 200: OrderResult, 201: OrderResult, ...problemResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    return idempotent(deps, req, reply, async (db) => {
      const { order, replayed } = await recordPosOrder(db, req.body, { now: deps.now(), storeIds: p.storeIds });
      return { status: replayed ? 200 : 201, body: { ...order, replayed } };
    });
  });

  app.post('/api/returns', {
    config: { access: 'sales:write' },
    schema: {
      summary: 'Record a return, linked to its order by orderExternalId; may not return more than the order holds. Idempotent like orders',
      tags: ['sales'], headers: Headers, body: ReturnBody,
      response: { 200: ReturnResult, 201: ReturnResult, ...problemResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    return idempotent(deps, req, reply, async (db) => {
      const { ret, replayed } = await recordPosReturn(db, req.body, { now: deps.now(), storeIds: p.storeIds });
      return { status: replayed ? 200 : 201, body: { ...ret, replayed } };
    });
  });
}
