// Evaluate a cart against the promotions and presented coupons: a pure function returning the
// adjustments per line, what applied, and for everything else a reason a cashier can read.
//
// Stacking order (deterministic; within a stage: priority high → low, then id, then coupon code):
//   1. item promotions   — fixed price, buy N get M, buy A get B, percent off   (→ the promotion price)
//   2. tier discount     — on the promotion price, unless the tier says promoted lines are excluded
//   3. order promotions  — 满减 steps, free gift, next-order coupon           (thresholds on what is left)
//   4. coupons           — any kind, largest discount first, at most `maxCouponsPerOrder`
// `best_of` promotions of one group: only the largest discount applies. `exclusive` promotions stand
// alone: the evaluator prices the cart with each exclusive one on its own and with all the others
// together, and keeps whichever gives the customer the larger discount (ties go to the combination).

import { allocate, lineAmount } from '../money.ts';
import { invalid } from '../errors.ts';
import { reason, type Reason } from '../loyalty/reasons.ts';
import { normalizeCode } from './codes.ts';
import { couponProblem } from './coupons.ts';
import type { Benefit, CouponInstance, Promotion } from './definitions.ts';
import { computeBenefit, givesGoodsOrCoupons, type BenefitResult } from './benefits.ts';
import { gateProblem, type PromoMember, type PromotionUsage, type WorkLine } from './scope.ts';

export interface CartLine {
  lineNo: number;
  sku: string | null;
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Default 'merchandise'; other kinds (shipping, fee …) take part in no promotion. */
  kind?: string;
  /** A gift or reward line: never discounted, earns nothing. */
  reward?: boolean;
}

export interface Cart { storeCode: string; channel: string; currency?: string; lines: readonly CartLine[] }

export interface EvalMember extends PromoMember {
  tierName?: string;
  /** The tier's discount in basis points (1000 = −10%). */
  discountBp: number;
  discountOnPromoPrice: boolean;
}

/** A code typed at the till and the coupon the store found for it (null when none). */
export interface PresentedCoupon { code: string; coupon: CouponInstance | null }

export interface EvaluateOptions {
  checkoutId?: string | null;
  /** The store's zone, for dates shown in reasons. */
  zone?: string;
  usage?: Readonly<Record<string, PromotionUsage>>;
  maxCouponsPerOrder?: number;
}

export interface Adjustment { source: 'promotion' | 'tier' | 'coupon'; id: string; code: string | null; amountMinor: number }
export interface LineResult { lineNo: number; grossMinor: number; netMinor: number; adjustments: Adjustment[] }
export interface Applied {
  id: string; name: string; code: string | null; kind: Benefit['kind'] | 'tier'; discountMinor: number;
  gifts: { sku: string; quantity: number }[]; issue: string[]; hint: Reason | null;
}
export interface NotApplied { id: string | null; name: string | null; code: string | null; reason: Reason }

export interface Evaluation {
  lines: LineResult[];
  applied: Applied[];
  notApplied: NotApplied[];
  gifts: { promotionId: string; sku: string; quantity: number }[];
  /** Coupon templates to issue once the order is committed. */
  issue: { promotionId: string; templateId: string }[];
  totals: { grossMinor: number; tierDiscountMinor: number; promotionDiscountMinor: number; couponDiscountMinor: number; netMinor: number };
}

function checkCart(cart: Cart): void {
  const seen = new Set<number>();
  cart.lines.forEach((l, i) => {
    if (!Number.isInteger(l.lineNo) || l.lineNo < 1 || seen.has(l.lineNo)) throw invalid(`lines/${i}/lineNo`, 'line numbers must be distinct whole numbers ≥ 1');
    if (!(Number.isFinite(l.quantity) && l.quantity > 0)) throw invalid(`lines/${i}/quantity`, 'quantity must be above 0');
    if (!Number.isSafeInteger(l.unitPriceMinor) || l.unitPriceMinor < 0) throw invalid(`lines/${i}/unitPriceMinor`, 'a price is a whole number of minor units ≥ 0');
    seen.add(l.lineNo);
  });
}

interface Candidate { promo: Promotion; coupon: CouponInstance | null; code: string | null }
const keyOf = (c: Candidate) => (c.code === null ? c.promo.id : `${c.promo.id}#${c.code}`);
const ITEM_KINDS = new Set<Benefit['kind']>(['fixed_price', 'buy_n_get_m', 'buy_a_get_b', 'percent_off']);
const stageOf = (c: Candidate) => (c.coupon ? 3 : ITEM_KINDS.has(c.promo.benefit.kind) ? 0 : 2);
const byOrder = (a: Candidate, b: Candidate) => stageOf(a) - stageOf(b) || b.promo.priority - a.promo.priority
  || (a.promo.id < b.promo.id ? -1 : a.promo.id > b.promo.id ? 1 : 0) || ((a.code ?? '') < (b.code ?? '') ? -1 : (a.code ?? '') > (b.code ?? '') ? 1 : 0);

interface Run { lines: WorkLine[]; adjustments: Map<number, Adjustment[]>; applied: Map<string, Applied>; declined: Map<string, Reason>; discountMinor: number }

const NO_USAGE: PromotionUsage = { global: 0, member: 0, spentMinor: 0 };

export function evaluate(cart: Cart, member: EvalMember | null, promotions: readonly Promotion[], coupons: readonly PresentedCoupon[], now: string,
  options: EvaluateOptions = {}): Evaluation {
  checkCart(cart);
  const { zone, usage = {}, maxCouponsPerOrder = 1 } = options;
  const currency = cart.currency ?? 'CNY';
  const usageOf = (id: string) => usage[id] ?? NO_USAGE;
  const notApplied: NotApplied[] = [];
  const decline = (c: { promo?: Promotion; code: string | null }, r: Reason) => notApplied.push({ id: c.promo?.id ?? null, name: c.promo?.name ?? null, code: c.code, reason: r });

  // Gate: who, where, when, limits; and each coupon's own checks.
  const candidates: Candidate[] = [];
  for (const promo of promotions) if (!promo.coupon) candidates.push({ promo, coupon: null, code: null });
  const seen = new Set<string>();
  for (const p of coupons) {
    const code = normalizeCode(p.code);
    const promo = p.coupon ? promotions.find((x) => x.id === p.coupon!.templateId && x.coupon) : undefined;
    if (seen.has(code)) { decline({ promo, code }, reason('COUPON_DUPLICATE')); continue; }
    seen.add(code);
    if (!p.coupon || !promo) { decline({ code }, reason('COUPON_NOT_FOUND')); continue; }
    const problem = couponProblem(p.coupon, { memberId: member?.id ?? null, now, checkoutId: options.checkoutId ?? null, zone });
    if (problem) { decline({ promo, code }, problem); continue; }
    candidates.push({ promo, coupon: p.coupon, code });
  }
  const eligible = candidates.filter((c) => {
    const problem = gateProblem(c.promo, { storeCode: cart.storeCode, channel: cart.channel, member, now, zone, usage: usageOf(c.promo.id) });
    if (problem) decline(c, problem);
    return !problem;
  }).sort(byOrder);

  const start: WorkLine[] = cart.lines.map((l) => {
    const gross = lineAmount(l.unitPriceMinor, l.quantity);
    return { lineNo: l.lineNo, sku: l.sku, category: l.category, quantity: l.quantity, kind: l.kind ?? 'merchandise', reward: l.reward ?? false, grossMinor: gross, netMinor: gross, promoted: false };
  });
  const run = (set: readonly Candidate[]): Run => runStages(set, start, member, currency, maxCouponsPerOrder, usageOf);

  // Exclusive promotions against the combination of all the others.
  const exclusive = eligible.filter((c) => c.promo.stacking === 'exclusive');
  const combined = run(eligible.filter((c) => c.promo.stacking !== 'exclusive'));
  const alone = exclusive.map((c) => ({ c, r: run([c]) }));
  let best = combined, winner: Candidate | null = null;
  // More off wins; at equal discount an exclusive gift or coupon beats a combination that gives nothing.
  const gives = (r: Run) => [...r.applied.values()].some((a) => a.kind !== 'tier');
  for (const a of alone) {
    if (a.r.discountMinor > best.discountMinor || (a.r.discountMinor === best.discountMinor && !gives(best) && gives(a.r))) { best = a.r; winner = a.c; }
  }
  const names = (all: Applied[]) => all.map((a) => a.name).join(' + ');
  const bestApplied = [...best.applied.values()];
  const bestNames = names(bestApplied.filter((a) => a.kind !== 'tier')) || names(bestApplied);
  for (const c of eligible) {
    const k = keyOf(c);
    if (best.applied.has(k)) continue;
    const own = (c.promo.stacking === 'exclusive' ? alone.find((a) => a.c === c)!.r : combined);
    const r = own.declined.get(k)
      ?? (c.promo.stacking === 'exclusive' ? reason('BETTER_OFFER_APPLIED', { other: bestNames }) : reason('EXCLUSIVE_CONFLICT', { other: winner!.promo.name }));
    decline(c, r);
  }

  const applied = bestApplied;
  const total = (source: Adjustment['source']) => [...best.adjustments.values()].flat().filter((a) => a.source === source).reduce((s, a) => s + a.amountMinor, 0);
  const grossMinor = start.reduce((s, l) => s + l.grossMinor, 0);
  return {
    lines: best.lines.map((l) => ({ lineNo: l.lineNo, grossMinor: l.grossMinor, netMinor: l.netMinor, adjustments: best.adjustments.get(l.lineNo) ?? [] })),
    applied,
    notApplied,
    gifts: applied.flatMap((a) => a.gifts.map((g) => ({ promotionId: a.id, ...g }))),
    issue: applied.flatMap((a) => a.issue.map((templateId) => ({ promotionId: a.id, templateId }))),
    totals: {
      grossMinor, tierDiscountMinor: total('tier'), promotionDiscountMinor: total('promotion'), couponDiscountMinor: total('coupon'),
      netMinor: best.lines.reduce((s, l) => s + l.netMinor, 0),
    },
  };
}

function runStages(set: readonly Candidate[], start: readonly WorkLine[], member: EvalMember | null, currency: string, maxCoupons: number,
  usageOf: (id: string) => PromotionUsage): Run {
  const run: Run = { lines: start.map((l) => ({ ...l })), adjustments: new Map(), applied: new Map(), declined: new Map(), discountMinor: 0 };
  const apply = (c: Candidate | null, id: string, name: string, kind: Applied['kind'], b: BenefitResult, stage: number) => {
    const source = c === null ? 'tier' : c.coupon ? 'coupon' : 'promotion';
    for (const line of run.lines) {
      const amt = b.perLine.get(line.lineNo);
      if (!amt) continue;
      line.netMinor -= amt;
      if (stage === 0) line.promoted = true;
      run.adjustments.set(line.lineNo, [...(run.adjustments.get(line.lineNo) ?? []), { source, id, code: c?.code ?? null, amountMinor: amt }]);
    }
    run.discountMinor += b.discountMinor;
    run.applied.set(c ? keyOf(c) : `tier:${id}`, { id, name, code: c?.code ?? null, kind, discountMinor: b.discountMinor, gifts: b.gifts, issue: b.issue, hint: b.hint });
  };
  /** The benefit, or why not: nothing to take off, or more than the budget has left. */
  const price = (c: Candidate): BenefitResult | Reason => {
    const b = computeBenefit(c.promo, run.lines, currency);
    if (!b.ok) return b.reason;
    if (b.discountMinor === 0 && !givesGoodsOrCoupons(c.promo)) return reason('NOTHING_TO_DISCOUNT');
    const budget = c.promo.limits.budgetMinor;
    if (budget !== null && usageOf(c.promo.id).spentMinor + b.discountMinor > budget) return reason('BUDGET_EXHAUSTED');
    return b;
  };
  const isResult = (x: BenefitResult | Reason): x is BenefitResult => 'perLine' in x;

  const groupsDone = new Set<string>();
  for (const stage of [0, 1, 2]) {
    if (stage === 1) { if (member) tierStage(run, member, apply); continue; }
    const inStage = set.filter((c) => stageOf(c) === stage);
    for (const c of inStage) {
      if (run.applied.has(keyOf(c)) || run.declined.has(keyOf(c))) continue;
      if (c.promo.stacking !== 'best_of') {
        const b = price(c);
        if (isResult(b)) apply(c, c.promo.id, c.promo.name, c.promo.benefit.kind, b, stage); else run.declined.set(keyOf(c), b);
        continue;
      }
      // best_of: price every member of the group on the same lines; only the largest applies.
      const group = c.promo.group ?? c.promo.benefit.kind;
      if (groupsDone.has(`${stage}:${group}`)) continue;
      groupsDone.add(`${stage}:${group}`);
      const members = inStage.filter((x) => x.promo.stacking === 'best_of' && (x.promo.group ?? x.promo.benefit.kind) === group).map((x) => ({ x, b: price(x) }));
      let top: { x: Candidate; b: BenefitResult } | null = null;
      for (const m of members) if (isResult(m.b) && (!top || m.b.discountMinor > top.b.discountMinor)) top = { x: m.x, b: m.b };
      if (top) apply(top.x, top.x.promo.id, top.x.promo.name, top.x.promo.benefit.kind, top.b, stage);
      for (const m of members) {
        if (m.x === top?.x) continue;
        run.declined.set(keyOf(m.x), isResult(m.b) ? reason('BETTER_OFFER_APPLIED', { other: top!.x.promo.name }) : m.b);
      }
    }
  }

  // Coupons: the largest discount first, re-priced after each, up to the per-order limit. (A discount
  // only lowers what is left, so a coupon that does not apply now will not apply later either.)
  let left = set.filter((c) => stageOf(c) === 3);
  for (let used = 0; left.length > 0; used++) {
    if (used >= maxCoupons) { for (const c of left) run.declined.set(keyOf(c), reason('COUPON_LIMIT', { limit: maxCoupons })); break; }
    const priced = left.map((x) => ({ x, b: price(x) }));
    let top: { x: Candidate; b: BenefitResult } | null = null;
    for (const m of priced) {
      if (!isResult(m.b)) run.declined.set(keyOf(m.x), m.b);
      else if (!top || m.b.discountMinor > top.b.discountMinor) top = { x: m.x, b: m.b };
    }
    if (!top) break;
    apply(top.x, top.x.promo.id, top.x.promo.name, top.x.promo.benefit.kind, top.b, 3);
    const group = (x: Candidate) => x.promo.group ?? x.promo.benefit.kind;
    left = priced.filter((m) => isResult(m.b) && m.x !== top.x).map((m) => m.x).filter((x) => {
      const beaten = top.x.promo.stacking === 'best_of' && x.promo.stacking === 'best_of' && group(x) === group(top.x);
      if (beaten) run.declined.set(keyOf(x), reason('BETTER_OFFER_APPLIED', { other: top.x.promo.name }));
      return !beaten;
    });
  }
  return run;
}

/** The member's tier discount on what the lines cost now (the promotion price), spread exactly. */
function tierStage(run: Run, member: EvalMember, apply: (c: null, id: string, name: string, kind: 'tier', b: BenefitResult, stage: number) => void): void {
  if (member.discountBp <= 0) return;
  const lines = run.lines.filter((l) => l.kind === 'merchandise' && !l.reward && l.netMinor > 0 && (member.discountOnPromoPrice || !l.promoted));
  const base = lines.reduce((s, l) => s + l.netMinor, 0);
  const off = Math.round((base * member.discountBp) / 10000);
  if (off === 0) return;
  const perLine = new Map<number, number>();
  const parts = allocateBy(lines, off);
  lines.forEach((l, i) => { if (parts[i]) perLine.set(l.lineNo, parts[i]); });
  apply(null, member.tierCode ?? 'tier', member.tierName ?? member.tierCode ?? 'tier', 'tier', { ok: true, perLine, discountMinor: off, gifts: [], issue: [], hint: null }, 1);
}

const allocateBy = (lines: readonly WorkLine[], amount: number) => allocate(amount, lines.map((l) => l.netMinor));
