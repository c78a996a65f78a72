import { z } from 'zod';
import type { Principal } from '../../app/auth.ts';
import { EMPTY_SUMMARY } from '../../domain/customers/summary.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { normalizePhone } from '../../domain/phone.ts';
import { consentsOf, findByRefs, getCustomer, searchCustomers, type Customer } from '../../store/customers.repo.ts';
import { orderHistory } from '../../store/sales.repo.ts';
import { getSummary } from '../../store/summary.repo.ts';
import { customerPredictions } from '../../app/models/predictions.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { can } from '../permissions.ts';
import { problemResponses } from '../problem.ts';
import { phoneFor, storeCodesOf, type StoreCodes } from '../views.ts';
import { Predictions } from './models.ts';

const phoneDoc = 'In full for owners and managers; masked (138****1234) for everyone else';

const CustomerBrief = z.object({
  id: z.number(), memberNo: z.string().nullable(), phone: z.string().nullable().describe(phoneDoc), name: z.string().nullable(),
  gender: z.string(), city: z.string().nullable(), homeStoreCode: z.string().nullable(), mergedIntoId: z.number().nullable(),
}).meta({ id: 'CustomerBrief' });

const Profile = CustomerBrief.extend({
  birthDate: z.string().nullable(), region: z.string().nullable(), guideCode: z.string().nullable(), registeredAt: z.string().nullable(),
  registrationChannel: z.string().nullable(), referrerId: z.number().nullable(), attributes: z.record(z.string(), z.string()),
  consents: z.array(z.object({ channel: z.string(), granted: z.boolean(), at: z.string(), source: z.string() })),
  createdAt: z.string(), updatedAt: z.string(),
});

const Summary = z.object({
  firstPurchaseAt: z.string().nullable(), lastPurchaseAt: z.string().nullable(),
  firstPurchaseDate: z.string().nullable(), lastPurchaseDate: z.string().nullable(),
  orders: z.number(), purchaseDays: z.number(), items: z.number(), grossMinor: z.number(), discountMinor: z.number(),
  salesMinor: z.number().describe('net of discounts, before returns'), costMinor: z.number(), costedSalesMinor: z.number(),
  marginMinor: z.number().describe('costedSales − cost: margin on the orders whose cost is known'),
  returns: z.number(), returnItems: z.number(), returnMinor: z.number(), netMinor: z.number().describe('sales − returns'),
  categories: z.number(),
});

const Customer360 = z.object({
  profile: Profile, summary: Summary,
  orders: z.array(z.object({
    id: z.number(), externalId: z.string(), source: z.string(), storeCode: z.string(), placedAt: z.string(), businessDate: z.string(),
    channel: z.string(), grossMinor: z.number(), discountMinor: z.number(), netMinor: z.number(), items: z.number(),
    lines: z.array(z.object({
      lineNo: z.number(), sku: z.string().nullable(), name: z.string().nullable(), category: z.string().nullable(),
      quantity: z.number(), unitPriceMinor: z.number(), netMinor: z.number(), kind: z.string(),
    })),
  })),
  returns: z.array(z.object({
    id: z.number(), externalId: z.string(), orderId: z.number().nullable(), returnedAt: z.string(), businessDate: z.string(),
    amountMinor: z.number(), items: z.number(), reason: z.string().nullable(),
  })),
  predictions: Predictions.nullable().describe('model predictions (see GET /api/customers/{id}/predictions); null for roles without models:read'),
}).meta({ id: 'Customer360' });

const brief = (c: Customer, p: Principal, codes: StoreCodes) => ({
  id: c.id, memberNo: c.memberNo, phone: phoneFor(p, c.phone), name: c.name, gender: c.gender, city: c.city,
  homeStoreCode: c.homeStoreId === null ? null : codes([c.homeStoreId])?.[0] ?? null, mergedIntoId: c.mergedIntoId,
});

export function customerRoutes(app: App, deps: Deps): void {
  app.get('/api/customers', {
    config: { access: 'customers:read' },
    schema: {
      summary: 'Search customers by phone (full or partial), member number or name', tags: ['customers'],
      querystring: z.object({
        q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ items: z.array(CustomerBrief), limit: z.number(), offset: z.number() }), ...problemResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { q, limit, offset } = req.query;
    const codes = await storeCodesOf(deps.db);
    const found = await searchCustomers(deps.db, { ...(q ? { q } : {}), limit, offset });
    return { items: found.map((c) => brief(c, p, codes)), limit, offset };
  });

  app.get('/api/customers/lookup', {
    config: { access: 'customers:lookup' },
    schema: {
      summary: 'Exact lookup by phone or member number (checkout); 404 when nobody matches', tags: ['customers'],
      querystring: z.object({ phone: z.string().max(40).optional(), memberNo: z.string().max(64).optional() }),
      response: {
        200: CustomerBrief.extend({ lastPurchaseDate: z.string().nullable(), orders: z.number(), netMinor: z.number() }),
        ...problemResponses,
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    const memberNo = req.query.memberNo?.trim() || null;
    let phone: string | null = null;
    if (req.query.phone?.trim()) {
      phone = normalizePhone(req.query.phone);
      if (!phone) throw invalid('/phone', 'not a phone number');
    }
    if (!memberNo && !phone) throw invalid('/phone', 'give a phone or a memberNo');
    const ids = await findByRefs(deps.db, [{ memberNo, phone }]);
    const id = (memberNo ? ids.get(`m:${memberNo}`) : undefined) ?? (phone ? ids.get(`p:${phone}`) : undefined);
    const c = id === undefined ? undefined : await getCustomer(deps.db, id);
    if (!c) throw notFound('customer');
    const s = (await getSummary(deps.db, c.id)) ?? EMPTY_SUMMARY;
    return { ...brief(c, p, await storeCodesOf(deps.db)), lastPurchaseDate: s.lastPurchaseDate, orders: s.orders, netMinor: s.netMinor };
  });

  app.get('/api/customers/:id', {
    config: { access: 'customers:read' },
    schema: {
      summary: '360 view: profile with consents and attributes, purchase summary, recent orders with lines, returns', tags: ['customers'],
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).describe('orders and returns to include') }),
      response: { 200: Customer360, ...problemResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const c = await getCustomer(deps.db, req.params.id);
    if (!c) throw notFound('customer', '/id');
    const [consents, summary, history, codes, predictions] = await Promise.all([
      consentsOf(deps.db, c.id), getSummary(deps.db, c.id), orderHistory(deps.db, c.id, { limit: req.query.limit }), storeCodesOf(deps.db),
      can(p.role, 'models:read') ? customerPredictions(deps.db, c.id) : null,
    ]);
    const s = summary ?? EMPTY_SUMMARY;
    return {
      profile: {
        ...brief(c, p, codes), birthDate: c.birthDate, region: c.region, guideCode: c.guideCode, registeredAt: c.registeredAt,
        registrationChannel: c.registrationChannel, referrerId: c.referrerId, attributes: c.attributes, consents,
        createdAt: c.createdAt, updatedAt: c.updatedAt,
      },
      summary: { ...s, marginMinor: s.costedSalesMinor - s.costMinor },
      orders: history.orders,
      returns: history.returns,
      predictions,
    };
  });
}
