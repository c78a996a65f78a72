// /api/loyalty/… and a member's loyalty under /api/customers/{id}/…: the settings in force and new
// versions of them (tier ladder, earning rules, policy), promotions and coupon templates, issuing
// coupons, a member's ledger, manual adjustments and tier overrides, donations and transfers, the
// jobs (expiry, tier reviews, birthday coupons), the liability.
import { z } from 'zod';
import { actorOf, type Principal } from '../../app/auth.ts';
import { runBirthdays } from '../../app/loyalty/birthdays.ts';
import { issueCoupons } from '../../app/loyalty/issue.ts';
import { backtestTiers, pointsLiability, runDaily, runExpiry } from '../../app/loyalty/jobs.ts';
import { adjustPoints, memberLedger, setTier } from '../../app/loyalty/members.ts';
import { loadPromotions, loadSettings, savePromotionDefinition, saveSettings } from '../../app/loyalty/settings.ts';
import { runTierReviews } from '../../app/loyalty/tier-review.ts';
import { donatePoints, transferPoints } from '../../app/loyalty/transfers.ts';
import type { ConfigKind } from '../../store/loyalty-config.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';
import {
  BalancesSchema, BirthdayRunSchema, CouponSchema, DonationSchema, IssuedCouponSchema, MemberRefSchema, ReasonSchema, TierReviewRunSchema, TransferSchema,
} from './loyalty-schemas.ts';

const date = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const Id = z.object({ id: z.coerce.number().int().positive() });
const Json = z.unknown();

const Settings = z.object({
  versions: z.object({ tiers: z.number(), earn: z.number(), policy: z.number() }).describe('0 = never saved: the defaults are in force'),
  ladder: Json, earn: Json, policy: Json,
}).meta({ id: 'LoyaltySettings' });
const Saved = z.object({ kind: z.string(), version: z.number(), value: Json }).meta({ id: 'LoyaltySettingsVersion' });
const Promotion = z.object({ promotion: Json, version: z.number(), updatedAt: z.string() }).meta({ id: 'StoredPromotion' });

const Reasons = z.array(ReasonSchema);
const Ledger = z.object({
  customerId: z.number(), asOf: z.string(), balances: BalancesSchema,
  expiringSoon: z.array(z.object({ expiresOn: z.string(), points: z.number() })).describe('points expiring within 30 days'),
  lots: z.array(z.object({
    lotNo: z.number(), origin: z.string(), points: z.number(), remaining: z.number(), createdAt: z.string(), availableOn: z.string(),
    expiresOn: z.string().nullable(), orderId: z.string().nullable(), lines: z.array(z.object({ lineNo: z.number(), quantity: z.number(), points: z.number() })),
  })),
  entries: z.array(z.object({
    seq: z.number(), lotNo: z.number().nullable(), kind: z.string(), points: z.number(), at: z.string(), date: z.string(),
    orderId: z.string().nullable(), opId: z.string().nullable(), lineNo: z.number().nullable(), note: z.string().nullable(),
  })),
  growth: z.number().describe('成长值 as of the date'),
  tier: z.object({
    tierCode: z.string(), name: z.string(), since: z.string(), reviewOn: z.string(), enrolledOn: z.string(),
    override: z.object({ reason: z.string(), actor: z.string().nullable(), until: z.string().nullable() }).nullable(),
  }).nullable(),
  tierHistory: z.array(z.object({ at: z.string(), date: z.string(), action: z.string(), from: z.string().nullable(), to: z.string(), reasons: Reasons, actor: z.string().nullable() })),
  coupons: z.array(CouponSchema),
  referralCode: z.string().nullable(),
}).meta({ id: 'MemberLedger' });

const n = z.number();
const Liability = z.object({
  months: z.array(z.object({
    month: z.string(), opening: n, earned: n, rewarded: n, adjusted: n, transferred: n, restored: n, redeemed: n, donated: n, expired: n, clawedBack: n,
    unexplained: n.describe('0 unless the ledger is inconsistent'), closing: n, closingValueMinor: n,
  })),
  outstandingPoints: n, outstandingValueMinor: n, breakageBp: n, breakageSource: z.enum(['configured', 'history', 'none']),
  expectedBreakagePoints: n, liabilityMinor: n.describe('outstanding value net of expected breakage'),
}).meta({ id: 'PointsLiability' });

const JobDate = z.object({ date: date.nullish().describe('business date (default: today in the policy zone)') });
const ExpiryRunSchema = z.object({ date: z.string(), members: z.number(), pointsExpired: z.number(), skipped: z.array(z.number()) }).meta({ id: 'ExpiryRun' });
const key = (required: boolean) => z.looseObject({
  'idempotency-key': (required ? z.string().min(1).max(200) : z.string().min(1).max(200).optional())
    .describe('the same key and body replay the first answer (200, idempotent-replayed: true); another body is 409'),
});

const settingsBody = { body: Json.describe('the whole setting as JSON (docs/loyalty.md); fields left out take their defaults') };

export function loyaltyRoutes(app: App, deps: Deps): void {
  const tags = ['loyalty'];
  const by = (p: Principal) => ({ actor: actorOf(p), now: deps.now().toISOString() });

  app.get('/api/loyalty/settings', {
    config: { access: 'loyalty:read' },
    schema: { summary: 'The loyalty settings in force: tier ladder, earning rules, policy, with their versions', tags, response: { 200: Settings, ...problemResponses } },
  }, async () => {
    const s = await loadSettings(deps.db);
    return { versions: s.versions, ladder: s.ladder, earn: s.earn, policy: s.policy };
  });

  const saveRoute = (path: string, kind: ConfigKind, summary: string) => app.put(path, {
    config: { access: 'loyalty:configure' },
    schema: { summary, tags, ...settingsBody, response: { 200: Saved, ...problemResponses } },
  }, async (req) => ({ kind, ...await saveSettings(deps.db, kind, req.body, by(principalOf(req))) }));
  saveRoute('/api/loyalty/tiers', 'tiers', 'Save a new version of the tier ladder (criteria, benefits, review, grace, downgrade, exit); 400 names the bad field');
  saveRoute('/api/loyalty/earn-rules', 'earn', 'Save a new version of the earning rules (rates by SKU/category/store, multipliers, exclusions, caps)');
  saveRoute('/api/loyalty/policy', 'policy', 'Save a new version of the policy: expiry, return window, ledger, points as payment, coupons, referral, auto-issue rules');

  app.get('/api/loyalty/promotions', {
    config: { access: 'loyalty:read' },
    schema: { summary: 'Every promotion and coupon template, as saved', tags, response: { 200: z.object({ items: z.array(Promotion) }), ...problemResponses } },
  }, async () => ({ items: await loadPromotions(deps.db) }));

  app.put('/api/loyalty/promotions/:id', {
    config: { access: 'loyalty:configure' },
    schema: {
      summary: 'Create or replace a promotion or coupon template ("coupon": true); 400 names the bad field (benefit/steps/1/thresholdMinor)', tags,
      params: z.object({ id: z.string().min(1).max(64) }), ...settingsBody, response: { 200: Promotion, ...problemResponses },
    },
  }, async (req) => savePromotionDefinition(deps.db, req.params.id, req.body, by(principalOf(req))));

  app.post('/api/loyalty/promotions/:id/coupons', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Issue coupons of a template: one per member, a number of unbound codes (generated: no look-alike characters, check character), or imported codes', tags,
      params: z.object({ id: z.string().min(1).max(64) }),
      body: z.object({
        customerIds: z.array(z.number().int().positive()).max(100_000).optional(),
        count: z.number().int().min(1).max(100_000).optional(),
        codes: z.array(z.string().min(1).max(64)).max(100_000).optional().describe('existing codes to import instead of generating'),
        multiUse: z.boolean().default(false).describe('a shared code (a poster), bounded by the template\'s limits'),
        prefix: z.string().max(12).optional(), length: z.number().int().min(8).max(29).optional(),
      }),
      response: { 201: z.object({ issued: z.array(IssuedCouponSchema) }), ...problemResponses },
    },
  }, async (req, reply) => {
    const promotions = (await loadPromotions(deps.db)).map((p) => p.promotion);
    const issued = await issueCoupons(deps.db, promotions, { templateId: req.params.id, ...req.body }, deps.now().toISOString());
    return reply.code(201).send({ issued });
  });

  app.get('/api/customers/:id/ledger', {
    config: { access: 'loyalty:read' },
    schema: {
      summary: 'A member\'s points ledger (balances, lots with what is left, every entry), points expiring soon, growth, tier and its history, coupons', tags,
      params: Id, querystring: z.object({ asOf: date.optional().describe('business date for balances (default: today)') }),
      response: { 200: Ledger, ...problemResponses },
    },
  }, async (req) => memberLedger(deps.db, req.params.id, { now: deps.now(), asOf: req.query.asOf ?? null }));

  app.post('/api/customers/:id/points', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Adjust a member\'s points by hand (positive adds a lot, negative takes points); a reason is required; audited', tags, params: Id,
      body: z.object({ points: z.number().int().refine((n) => n !== 0, 'not 0'), reason: z.string().trim().min(1).max(500), expiresOn: date.nullish() }),
      response: { 201: z.object({ customerId: z.number(), points: z.number(), balances: BalancesSchema }), ...problemResponses },
    },
  }, async (req, reply) => reply.code(201).send(await adjustPoints(deps.db, req.params.id, req.body, { now: deps.now(), actor: actorOf(principalOf(req)) })));

  app.post('/api/customers/:id/tier', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Set a member\'s tier by hand with a reason, until a date (or until changed); audited', tags, params: Id,
      body: z.object({ tierCode: z.string().min(1).max(64), reason: z.string().trim().min(1).max(500), until: date.nullish() }),
      response: { 200: z.object({ customerId: z.number(), action: z.string(), from: z.string().nullable(), to: z.string(), reviewOn: z.string(), reasons: Reasons }), ...problemResponses },
    },
  }, async (req) => setTier(deps.db, req.params.id, req.body, { now: deps.now(), actor: actorOf(principalOf(req)) }));

  app.post('/api/loyalty/expiry-runs', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Run the expiry job: write off every lot whose expiry date has come (oldest-expiry-first consumption leaves the rest); running it again changes nothing', tags,
      body: z.object({ date: date.nullish().describe('business date (default: today in the policy zone)') }),
      response: { 200: ExpiryRunSchema, ...problemResponses },
    },
  }, async (req) => runExpiry(deps.db, { now: deps.now(), date: req.body.date ?? null }));

  app.post('/api/loyalty/tiers/backtest', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Backtest a proposed tier ladder before saving it: replay every member over the period; the tier distribution on the last day, the benefit cost by tier, who moves', tags,
      body: z.object({ ladder: Json.describe('the proposed ladder, as for PUT /api/loyalty/tiers'), from: date, to: date }),
      response: {
        200: z.object({
          members: n, distribution: z.record(z.string(), n),
          cost: z.record(z.string(), z.object({ members: n, spendMinor: n, discountMinor: n, pointsMinor: n.describe('value of the extra points the multiplier gives') })),
          totalCostMinor: n, movers: z.array(z.object({ customerId: z.string(), from: z.string().nullable(), to: z.string(), direction: z.enum(['up', 'down', 'changed']) })),
        }).meta({ id: 'TierBacktest' }),
        ...problemResponses,
      },
    },
  }, async (req) => backtestTiers(deps.db, req.body.ladder, { from: req.body.from, to: req.body.to }));

  app.get('/api/loyalty/liability', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Points liability: outstanding points, their value at the redemption rate, expected breakage, month-end roll-forward', tags,
      querystring: z.object({ from: month, to: month, breakageBp: z.coerce.number().int().min(0).max(10000).optional() }),
      response: { 200: Liability, ...problemResponses },
    },
  }, async (req) => pointsLiability(deps.db, { fromMonth: req.query.from, toMonth: req.query.to, breakageBp: req.query.breakageBp ?? null }));

  app.post('/api/loyalty/tier-reviews', {
    config: { access: 'loyalty:configure' },
    schema: {
      summary: 'Run the tier review: renewals, grace holds, downgrades at the review date, exits of long-inactive members, each with a tier-history row and reasons; running it again for the date writes nothing more', tags,
      body: JobDate, response: { 200: TierReviewRunSchema, ...problemResponses },
    },
  }, async (req) => runTierReviews(deps.db, { now: deps.now(), date: req.body.date ?? null, actor: actorOf(principalOf(req)) }));

  app.post('/api/loyalty/birthday-runs', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Issue birthday coupons (birthday auto-issue rules, the tier\'s birthday gift) to members whose birthday is within the lead days; once per member per year', tags,
      body: JobDate, response: { 200: BirthdayRunSchema, ...problemResponses },
    },
  }, async (req) => runBirthdays(deps.db, { now: deps.now(), date: req.body.date ?? null }));

  app.post('/api/loyalty/daily-runs', {
    config: { access: 'loyalty:configure' },
    schema: {
      summary: 'The daily jobs for a business date, in order: points expiry, tier reviews, birthday coupons (what a scheduler calls once a day; each part is safe to run again)', tags,
      body: JobDate,
      response: { 200: z.object({ date: z.string(), expiry: ExpiryRunSchema, tierReviews: TierReviewRunSchema, birthdays: BirthdayRunSchema }).meta({ id: 'DailyRun' }), ...problemResponses },
    },
  }, async (req) => runDaily(deps.db, { now: deps.now(), date: req.body.date ?? null, actor: actorOf(principalOf(req)) }));

  app.post('/api/loyalty/members/:id/donations', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Donate a member\'s points to a named cause (a redemption: earliest-expiring points first); 422 with the reason when short; audited', tags,
      params: Id, headers: key(false),
      body: z.object({ points: z.number().int().positive().max(1e12), cause: z.string().trim().min(1).max(200).describe('the beneficiary, kept on the ledger entries') }),
      response: { 200: DonationSchema, 201: DonationSchema, ...problemResponses },
    },
  }, async (req, reply) => {
    const out = await donatePoints(deps.db, req.params.id, req.body, { now: deps.now(), actor: actorOf(principalOf(req)), key: req.headers['idempotency-key'] ?? null });
    if (out.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(out.status).send(out.body);
  });

  app.post('/api/loyalty/members/:id/transfers', {
    config: { access: 'loyalty:write' },
    schema: {
      summary: 'Transfer points to another member, atomically, oldest-expiry-first keeping expiry dates; off unless the policy sets ledger.transferEnabled (422 TRANSFER_DISABLED); audited', tags,
      params: Id, headers: key(true),
      body: z.object({ to: MemberRefSchema, points: z.number().int().positive().max(1e12), note: z.string().max(200).nullish() }),
      response: { 200: TransferSchema, 201: TransferSchema, ...problemResponses },
    },
  }, async (req, reply) => {
    const out = await transferPoints(deps.db, req.params.id, req.body, { now: deps.now(), actor: actorOf(principalOf(req)), key: req.headers['idempotency-key'] ?? null });
    if (out.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(out.status).send(out.body);
  });
}
