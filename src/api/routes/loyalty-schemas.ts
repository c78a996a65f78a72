// zod shapes shared by the checkout and loyalty routes: request bodies, and responses for the
// OpenAPI document (responses are serialised through them, so every field the client gets is listed).
import { z } from 'zod';
import { LINE_KINDS } from '../../domain/orders/types.ts';

const MAX_MINOR = 1e12;
const int = z.number().int();

export const ReasonSchema = z.object({
  code: z.string(), zh: z.string().describe('为收银员准备的中文说明'), en: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe('raw figures; money params end in Minor'),
}).meta({ id: 'Reason' });

export const BalancesSchema = z.object({
  total: int.describe('Σ of the ledger'), available: int, pending: int.describe('inside the return window'),
  expiredUnprocessed: int, debt: int.describe('≤ 0'), spendable: int,
}).meta({ id: 'PointsBalances' });

export const MemberRefSchema = z.object({
  customerId: z.number().int().positive().nullish(),
  memberNo: z.string().max(64).nullish(),
  phone: z.string().max(40).nullish(),
}).describe('The member by customerId, memberNo or phone; omit for a guest');

export const CheckoutBody = z.object({
  storeCode: z.string().min(1).max(40),
  channel: z.string().min(1).max(40).default('store'),
  placedAt: z.iso.datetime({ offset: true }).nullish().describe('the sale\'s instant (default: now); prices, promotions and the business date follow it'),
  member: MemberRefSchema.nullish(),
  lines: z.array(z.object({
    lineNo: z.number().int().min(1).max(100_000).describe('distinct per cart; returns name lines by it'),
    sku: z.string().max(64).nullish(), name: z.string().max(200).nullish(), category: z.string().max(200).nullish().describe('levels joined with "/"'),
    quantity: z.number().positive().max(1e6),
    unitPriceMinor: z.number().int().min(0).max(MAX_MINOR),
    kind: z.enum(LINE_KINDS).default('merchandise'),
    reward: z.boolean().default(false).describe('a gift or reward line: never discounted, earns nothing'),
  })).min(1).max(500),
  couponCodes: z.array(z.string().min(1).max(64)).max(20).default([]),
  pointsToUse: z.number().int().min(0).max(1e12).default(0),
  checkoutId: z.string().min(1).max(100).nullish().describe('the till\'s checkout id that reserved coupons'),
  externalId: z.string().trim().min(1).max(100).nullish().describe('commit: the order number to record (default: the Idempotency-Key)'),
}).meta({ id: 'CheckoutRequest' });

const Adjustment = z.object({ source: z.enum(['promotion', 'tier', 'coupon']), id: z.string(), code: z.string().nullable(), amountMinor: int });

const QuoteLine = z.object({
  lineNo: int, grossMinor: int, tierDiscountMinor: int, promotionDiscountMinor: int, couponDiscountMinor: int,
  pointsUsed: int.describe('points that pay for the line (kept for returns)'), pointsPaidMinor: int, payableMinor: int, pointsEarned: int,
  adjustments: z.array(Adjustment),
});

export const QuoteSchema = z.object({
  businessDate: z.string(),
  lines: z.array(QuoteLine),
  totals: z.object({
    grossMinor: int, tierDiscountMinor: int, promotionDiscountMinor: int, couponDiscountMinor: int, discountMinor: int,
    pointsUsed: int, pointsValueMinor: int, payableMinor: int, pointsToEarn: int, growthToEarn: int,
  }),
  applied: z.array(z.object({
    id: z.string(), name: z.string(), code: z.string().nullable(), kind: z.string(), discountMinor: int,
    gifts: z.array(z.object({ sku: z.string(), quantity: int })), issue: z.array(z.string()), hint: ReasonSchema.nullable().describe('an upsell to mention ("再买¥50可减¥50")'),
  })),
  notApplied: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), code: z.string().nullable(), reason: ReasonSchema }))
    .describe('every promotion or coupon that did not apply, with a reason in Chinese and English'),
  gifts: z.array(z.object({ promotionId: z.string(), sku: z.string(), quantity: int })),
  couponsToIssue: z.array(z.object({ promotionId: z.string(), templateId: z.string() })),
  points: z.object({ requested: int, used: int, valueMinor: int, reasons: z.array(ReasonSchema) }),
  earn: z.object({ multipliers: z.array(z.object({ source: z.string(), id: z.string().nullable(), bp: int })), reasons: z.array(ReasonSchema) }),
}).meta({ id: 'Quote' });

export const IssuedCouponSchema = z.object({
  code: z.string(), templateId: z.string(), customerId: z.number().nullable(), validFrom: z.string(), validTo: z.string(), multiUse: z.boolean(),
}).meta({ id: 'IssuedCoupon' });

export const TierMoveSchema = z.object({
  action: z.string(), from: z.string().nullable(), to: z.string(), changed: z.boolean(), reasons: z.array(ReasonSchema).optional(),
}).meta({ id: 'TierMove' });

export const CouponSchema = z.object({
  code: z.string(), templateId: z.string(), memberId: z.string().nullable(), multiUse: z.boolean(), issuedAt: z.string(), validFrom: z.string(), validTo: z.string(),
  status: z.enum(['active', 'used', 'void']), usedOrderId: z.string().nullable(), reservedBy: z.string().nullable(), reservedUntil: z.string().nullable(),
}).meta({ id: 'Coupon' });

const TierActionEnum = z.enum(['enter', 'keep', 'upgrade', 'renew', 'hold', 'downgrade', 'exit', 'pinned', 'override']);

export const TierReviewRunSchema = z.object({
  date: z.string(), reviewed: int.describe('members looked at: review due, tier gone from the ladder, or idle long enough to exit'),
  actions: z.partialRecord(TierActionEnum, int).describe('members changed, by action'),
  changes: z.array(z.object({ customerId: int, action: TierActionEnum, from: z.string().nullable(), to: z.string() })).describe('the first 1,000 changes'),
  skipped: z.array(int).describe('changed by a checkout meanwhile: reviewed on the next run'),
}).meta({ id: 'TierReviewRun' });

export const BirthdayRunSchema = z.object({
  date: z.string(), members: int.describe('members with a birthday coupon due'), issued: int.describe('coupons issued now (0 on a second run)'),
  coupons: z.array(IssuedCouponSchema).describe('the first 1,000'),
}).meta({ id: 'BirthdayRun' });

export const DonationSchema = z.object({ customerId: int, points: int, cause: z.string(), businessDate: z.string(), balances: BalancesSchema }).meta({ id: 'PointsDonation' });

export const TransferSchema = z.object({
  points: int, note: z.string().nullable(), businessDate: z.string(),
  from: z.object({ customerId: int, balances: BalancesSchema }), to: z.object({ customerId: int, balances: BalancesSchema }),
  lots: z.array(z.object({ points: int, expiresOn: z.string().nullable() })).describe('the receiver\'s new lots, each with the expiry of the points it came from'),
}).meta({ id: 'PointsTransfer' });

// The referral clawback a full return made (ReturnResponse.referral); for the return route's response schema.
const side = z.object({ rewarded: int, takenBack: int, shortfall: int.describe('not found: forgiven, or owed when the policy allows debt') });
export const ReferralClawbackSchema = z.object({
  referrerId: int, refereeId: int, orderId: z.string(), referrer: side, referee: side, couponsVoided: z.array(z.string()),
}).meta({ id: 'ReferralClawback' });
