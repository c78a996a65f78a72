// The till's loyalty routes: quote and commit a checkout, return lines of it, hold and release coupons,
// register members. Everything a business rule refuses comes back as problem+json (409 when a coupon
// is used or held elsewhere, 422 otherwise) with the rule's reason in Chinese and English.
import { z } from 'zod';
import { actorOf } from '../../app/auth.ts';
import { commitCheckout } from '../../app/loyalty/commit.ts';
import { releaseCode, reserveCode } from '../../app/loyalty/coupon-holds.ts';
import { registerMember } from '../../app/loyalty/members.ts';
import { priceCheckout, quoteView } from '../../app/loyalty/price.ts';
import { returnOrder } from '../../app/loyalty/returns.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';
import { BalancesSchema, CheckoutBody, IssuedCouponSchema, MemberRefSchema, QuoteSchema, ReasonSchema, ReferralClawbackSchema, TierMoveSchema } from './loyalty-schemas.ts';

const QuoteResult = z.object({
  storeCode: z.string(), currency: z.string(), businessDate: z.string(),
  member: z.object({ customerId: z.number(), tierCode: z.string(), tierName: z.string(), points: BalancesSchema }).nullable(),
  quote: QuoteSchema,
}).meta({ id: 'QuoteResult' });

const CommitResult = z.object({
  checkoutKey: z.string(), orderId: z.number(), externalId: z.string(), storeCode: z.string(), businessDate: z.string(), customerId: z.number().nullable(),
  quote: QuoteSchema,
  points: z.object({ redeemed: z.number(), earned: z.number(), rewarded: z.number(), balances: BalancesSchema }).nullable().describe('the member\'s points after the checkout'),
  tier: TierMoveSchema.nullable(),
  couponsRedeemed: z.array(z.string()),
  couponsIssued: z.array(IssuedCouponSchema),
  referral: z.unknown().describe('referral rewards paid (or declined, with reasons) when this was the referee\'s first qualifying purchase'),
}).meta({ id: 'CommitResult' });

const ReturnBody = z.object({
  externalId: z.string().trim().min(1).max(100).describe('the till\'s return number; the same number with the same lines is a replay'),
  returnedAt: z.iso.datetime({ offset: true }).nullish(),
  reason: z.string().max(500).nullish(),
  lines: z.array(z.object({ lineNo: z.number().int().min(1), quantity: z.number().positive().max(1e6) })).min(1).max(500),
});

const ReturnResult = z.object({
  orderId: z.number(), returnId: z.number(), externalId: z.string(), businessDate: z.string(), refundMinor: z.number().describe('money back; points come back as points'),
  lines: z.array(z.object({ lineNo: z.number(), quantity: z.number(), refundMinor: z.number(), clawback: z.number(), restore: z.number() })),
  wholeOrderReturned: z.boolean(),
  points: z.object({ clawedBack: z.number(), restored: z.number(), shortfall: z.number(), balances: BalancesSchema }).nullable(),
  growth: z.number(), tier: TierMoveSchema.nullable(), couponsReinstated: z.array(z.string()), couponsVoided: z.array(z.string()),
  referral: ReferralClawbackSchema.nullable().optional().describe('the referral rewards taken back when this return undid the referee\'s rewarded first order'),
}).meta({ id: 'CheckoutReturn' });

const Hold = z.object({
  code: z.string(), templateId: z.string(), status: z.string(), reservedBy: z.string().nullable(), reservedUntil: z.string().nullable(), validTo: z.string(),
}).meta({ id: 'CouponHold' });

const Registration = z.object({
  memberNo: z.string().trim().min(1).max(64).nullish(), phone: z.string().max(40).nullish(), name: z.string().max(100).nullish(),
  birthDate: z.iso.date().nullish(), storeCode: z.string().min(1).max(40).nullish(),
  referralCode: z.string().max(40).nullish().describe('the referrer\'s code (老带新), only at registration'),
  deviceIds: z.array(z.string().min(1).max(200)).max(10).default([])
    .describe('devices the member registers from, kept with the member: a newcomer on one of the referrer\'s devices is self-referral'),
});

const Registered = z.object({
  customerId: z.number(), referralCode: z.string(), tier: z.object({ code: z.string(), name: z.string() }),
  referral: z.union([z.object({ bound: z.literal(true), referrerId: z.number() }), z.object({ bound: z.literal(false), reason: ReasonSchema })]).nullable(),
  couponsIssued: z.array(IssuedCouponSchema),
}).meta({ id: 'RegisteredMember' });

const IdempotencyHeader = z.looseObject({
  'idempotency-key': z.string().min(1).max(200).describe('one checkout, however often sent: the same key and body replay the stored response; another body is 409'),
});

export function checkoutRoutes(app: App, deps: Deps): void {
  const tags = ['checkout'];

  app.post('/api/checkout/quote', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Price a cart: tier discount, promotions, coupons, points as payment, payable, points to earn, and a reason for everything not applied. No side effects',
      tags, body: CheckoutBody, response: { 200: QuoteResult, ...problemResponses },
    },
  }, async (req) => quoteView(await priceCheckout(deps.db, req.body, { now: deps.now(), storeIds: principalOf(req).storeIds })));

  app.post('/api/checkout/commit', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Commit a checkout atomically: order, coupons, points redeemed and earned, growth and tier, automatic coupons. 201 when new, 200 on a replay of the key',
      description: 'Refused (nothing recorded) when a presented coupon or the points asked for no longer apply: 409 for a coupon used or held by another checkout or a '
        + 'concurrent change of the member\'s points (send again), 422 for the other rules; the problem carries `reason` {code, zh, en}.',
      tags, headers: IdempotencyHeader, body: CheckoutBody, response: { 200: CommitResult, 201: CommitResult, ...problemResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await commitCheckout(deps.db, req.body, { now: deps.now(), storeIds: p.storeIds, key: req.headers['idempotency-key'], actor: actorOf(p) });
    if (out.replayed) void reply.header('idempotent-replayed', 'true');
    // The stored text itself (Fastify sends a JSON string as is): a replay is byte for byte the first
    // answer, and nothing is serialised twice. The text is `out.body` as JSON, so the schema holds.
    return reply.code(out.status).type('application/json; charset=utf-8').send(out.json as unknown as typeof out.body);
  });

  app.post('/api/orders/:id/returns', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Return lines (all or some units) of an order committed through checkout: refund, per-line points clawback and restore, growth; a full return also reinstates its coupons',
      tags, params: z.object({ id: z.coerce.number().int().positive() }), body: ReturnBody,
      response: { 200: ReturnResult, 201: ReturnResult, ...problemResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await returnOrder(deps.db, req.params.id, req.body, { now: deps.now(), storeIds: p.storeIds, actor: actorOf(p) });
    if (out.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(out.status).send(out.body);
  });

  app.post('/api/coupons/:code/reserve', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Hold a single-use coupon for a checkout (default 5 minutes; again extends it); 409 when another checkout holds it or it is used',
      tags, params: z.object({ code: z.string().min(1).max(64) }),
      body: z.object({ checkoutId: z.string().min(1).max(100), member: MemberRefSchema.nullish(), holdSeconds: z.number().int().min(10).max(86_400).optional() }),
      response: { 200: Hold, ...problemResponses },
    },
  }, async (req) => reserveCode(deps.db, req.params.code, req.body, deps.now()));

  app.post('/api/coupons/:code/release', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Let go of a checkout\'s hold on a coupon (a cancelled checkout)',
      tags, params: z.object({ code: z.string().min(1).max(64) }), body: z.object({ checkoutId: z.string().min(1).max(100) }),
      response: { 200: Hold, ...problemResponses },
    },
  }, async (req) => releaseCode(deps.db, req.params.code, req.body.checkoutId));

  app.post('/api/loyalty/members', {
    config: { access: 'checkout:write' },
    schema: {
      summary: 'Register a member: enrolment in the entry tier, a referral code, binding a referrer (refused ones say why), registration coupons. 409 when already a member',
      tags, body: Registration, response: { 201: Registered, ...problemResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    return reply.code(201).send(await registerMember(deps.db, req.body, { now: deps.now(), actor: actorOf(p), storeIds: p.storeIds }));
  });
}
