// Reasons a cashier (or a member) can read, in Chinese and English, for everything the loyalty and
// promotion rules decline or limit. They are values, not exceptions: a coupon that does not apply is
// an expected outcome. `params` keeps the raw figures so a UI can re-render them.

import { formatMinor } from '../money.ts';

export type ReasonParams = Record<string, string | number>;

export interface Reason {
  code: ReasonCode;
  zh: string;
  en: string;
  params: ReasonParams;
}

const SYMBOLS: Record<string, string> = { CNY: '¥', GBP: '£', USD: '$', EUR: '€', JPY: '¥', HKD: 'HK$' };

/** 2300 → "¥23", 2350 → "¥23.50" (whole amounts without decimals, as a till shows them). */
export function displayMoney(minor: number, currency = 'CNY'): string {
  const text = formatMinor(minor);
  return (SYMBOLS[currency] ?? `${currency} `) + (text.endsWith('.00') ? text.slice(0, -3) : text);
}

type Render = (p: ReasonParams, money: (key: string) => string) => string;
const s = (p: ReasonParams, key: string): string => String(p[key] ?? '');

// One row per code: [zh, en]. docs/loyalty.md carries the same table (a test checks every code is there).
const CATALOG = {
  // promotions: who, where, when
  INACTIVE: [() => '活动未启用', () => 'promotion is switched off'],
  NOT_STARTED: [(p) => `活动${s(p, 'from')}开始`, (p) => `starts ${s(p, 'from')}`],
  ENDED: [(p) => `活动已于${s(p, 'to')}结束`, (p) => `ended ${s(p, 'to')}`],
  STORE_NOT_ELIGIBLE: [() => '本店不参加此活动', () => 'not valid in this store'],
  CHANNEL_NOT_ELIGIBLE: [() => '此渠道不参加此活动', () => 'not valid on this channel'],
  MEMBERS_ONLY: [() => '仅限会员', () => 'members only'],
  TIER_NOT_ELIGIBLE: [(p) => `仅限${s(p, 'tiers')}会员`, (p) => `only for ${s(p, 'tiers')} members`],
  SEGMENT_NOT_ELIGIBLE: [() => '会员不在活动人群内', () => 'member is not in the target group'],
  // promotions: the cart
  NO_ELIGIBLE_ITEMS: [() => '购物车中没有参加活动的商品', () => 'no item in the cart takes part'],
  SHORT_OF_THRESHOLD: [(_, m) => `还差${m('shortMinor')}可用`, (_, m) => `${m('shortMinor')} more to qualify`],
  SHORT_OF_NEXT_STEP: [(_, m) => `再买${m('shortMinor')}可减${m('offMinor')}`, (_, m) => `${m('shortMinor')} more to get ${m('offMinor')} off`],
  SHORT_OF_QUANTITY: [(p) => `再买${s(p, 'count')}件可用`, (p) => `${s(p, 'count')} more item(s) to qualify`],
  REWARD_ITEM_MISSING: [(p) => `请将${s(p, 'count')}件换购/赠送商品加入购物车`, (p) => `add ${s(p, 'count')} reward item(s) to the cart`],
  NOTHING_TO_DISCOUNT: [() => '商品已无可优惠金额', () => 'nothing left to discount'],
  // promotions: limits and stacking
  MEMBER_LIMIT_REACHED: [(p) => `每人限用${s(p, 'limit')}次，已用完`, (p) => `already used ${s(p, 'limit')} time(s), the limit per member`],
  GLOBAL_LIMIT_REACHED: [() => '活动名额已满', () => 'promotion is fully used'],
  BUDGET_EXHAUSTED: [() => '活动预算已用完', () => 'promotion budget is used up'],
  EXCLUSIVE_CONFLICT: [(p) => `不可与「${s(p, 'other')}」同享`, (p) => `cannot be combined with "${s(p, 'other')}"`],
  BETTER_OFFER_APPLIED: [(p) => `已享更优惠的「${s(p, 'other')}」`, (p) => `a better offer applied: "${s(p, 'other')}"`],
  COUPON_LIMIT: [(p) => `每单限用${s(p, 'limit')}张券`, (p) => `at most ${s(p, 'limit')} coupon(s) per order`],
  // coupons
  COUPON_NOT_FOUND: [() => '券码无效', () => 'coupon code not found'],
  COUPON_CODE_MISTYPED: [() => '券码有误，请核对', () => 'coupon code mistyped, please check it'],
  COUPON_NOT_YOURS: [() => '此券不属于该会员', () => 'coupon belongs to another member'],
  COUPON_NOT_YET_VALID: [(p) => `此券${s(p, 'from')}起可用`, (p) => `coupon valid from ${s(p, 'from')}`],
  COUPON_EXPIRED: [(p) => `此券已于${s(p, 'to')}过期`, (p) => `coupon expired ${s(p, 'to')}`],
  COUPON_USED: [(p) => `此券已在订单#${s(p, 'orderId')}使用`, (p) => `coupon already used on order #${s(p, 'orderId')}`],
  COUPON_RESERVED: [() => '此券正被另一笔结账占用', () => 'coupon is held by another checkout'],
  COUPON_VOID: [() => '此券已作废', () => 'coupon has been voided'],
  COUPON_DUPLICATE: [() => '同一张券不能重复使用', () => 'the same coupon was presented twice'],
  // points
  POINTS_INSUFFICIENT: [(p) => `积分不足，可用${s(p, 'available')}`, (p) => `only ${s(p, 'available')} points available`],
  POINTS_BELOW_MINIMUM: [(p) => `至少使用${s(p, 'min')}积分`, (p) => `use at least ${s(p, 'min')} points`],
  POINTS_CAPPED: [(p) => `本单最多可用${s(p, 'max')}积分`, (p) => `at most ${s(p, 'max')} points on this order`],
  POINTS_NOT_WITH_COUPON: [() => '积分不可与优惠券同时使用', () => 'points cannot be combined with coupons'],
  POINTS_MEMBERS_ONLY: [() => '积分仅限会员使用', () => 'points are for members only'],
  TRANSFER_DISABLED: [() => '积分转赠未开通', () => 'points transfer is turned off'],
  EARN_CAPPED: [(p) => `积分已达上限${s(p, 'cap')}`, (p) => `points capped at ${s(p, 'cap')}`],
  // tiers
  TIER_QUALIFIED: [(p) => `达到${s(p, 'tier')}标准`, (p) => `meets the ${s(p, 'tier')} criteria`],
  TIER_RENEWED: [(p) => `${s(p, 'tier')}保级成功，至${s(p, 'reviewOn')}`, (p) => `${s(p, 'tier')} kept until ${s(p, 'reviewOn')}`],
  TIER_NOT_REQUALIFIED: [(p) => `未达${s(p, 'tier')}保级标准`, (p) => `did not requalify for ${s(p, 'tier')}`],
  TIER_GRACE: [(p) => `保级宽限至${s(p, 'until')}`, (p) => `grace period until ${s(p, 'until')}`],
  TIER_INACTIVE: [(p) => `连续${s(p, 'days')}天无消费`, (p) => `no activity for ${s(p, 'days')} days`],
  TIER_OVERRIDE: [(p) => `人工调整：${s(p, 'reason')}`, (p) => `set by hand: ${s(p, 'reason')}`],
  // referral
  REFERRAL_CODE_UNKNOWN: [() => '推荐码无效', () => 'referral code not found'],
  REFERRAL_SELF: [() => '不能推荐自己（同一手机或设备）', () => 'self-referral (same phone or device)'],
  REFERRAL_ALREADY_BOUND: [() => '已绑定推荐人', () => 'a referrer is already bound'],
  REFERRAL_TOO_LATE: [() => '只能在注册时绑定推荐人', () => 'a referrer can only be bound at registration'],
  REFERRAL_ALREADY_REWARDED: [() => '推荐奖励已发放', () => 'referral reward already given'],
  REFERRAL_BELOW_MINIMUM: [(_, m) => `首单满${m('minMinor')}才有推荐奖励`, (_, m) => `first purchase must reach ${m('minMinor')} for the reward`],
  REFERRAL_CAP_REACHED: [(p) => `推荐奖励已达上限${s(p, 'cap')}次`, (p) => `referrer reached the cap of ${s(p, 'cap')} rewards`],
} as const satisfies Record<string, readonly [Render, Render]>;

export type ReasonCode = keyof typeof CATALOG;
export const REASON_CODES = Object.keys(CATALOG) as ReasonCode[];

/**
 * Build a reason; money params end in `Minor` and render with `params.currency` (default CNY).
 * @example reason('SHORT_OF_THRESHOLD', { shortMinor: 2300 }).zh === '还差¥23可用'
 */
export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  const [zh, en] = CATALOG[code] as readonly [Render, Render];
  const money = (key: string) => displayMoney(Number(params[key] ?? 0), typeof params.currency === 'string' ? params.currency : 'CNY');
  return { code, zh: zh(params, money), en: en(params, money), params };
}
