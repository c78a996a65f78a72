// Prices and the chain's promotions turned into order lines: line-level offers (clearance, 第二杯半价,
// 特价) first, then one order-level offer (满减, 会员日, birthday) split over the lines with `allocate`.
import type { OrderLineInput } from '../orders/types.ts';
import { allocate, lineAmount } from '../money.ts';
import { promoPeriod, type DayInfo } from './calendar.ts';
import type { PickedLine } from './baskets.ts';
import type { DemoMember } from './members.ts';
import type { DemoFormat } from './profiles.ts';
import { chance, intBetween, type Rng } from './random.ts';

export interface PriceContext {
  day: DayInfo;
  member: DemoMember | null;
  channel: string;
}

/** Per-line offers, in fen, never above the line's gross. */
function lineDiscounts(rng: Rng, format: DemoFormat, lines: readonly PickedLine[], gross: readonly number[], ctx: PriceContext): number[] {
  const { month, dow } = ctx.day;
  const out = lines.map(() => 0);
  if (format === 'clothing') {
    // End-of-season clearance: 7折 on last season's stock.
    lines.forEach((l, i) => {
      const outOfSeason = (l.product.season === 'winter' && month <= 2) || (l.product.season === 'summer' && (month === 7 || month === 8));
      if (outOfSeason && chance(rng, 0.6)) out[i] = Math.round(gross[i]! * 0.3);
    });
  } else if (format === 'tea') {
    // 第二杯半价 Monday to Thursday: the cheapest cup of two or more is half price.
    const cups = lines.map((l, i) => ({ l, i })).filter(({ l }) => !l.product.category.startsWith('小料/') && !l.product.category.startsWith('小食/'));
    const count = cups.reduce((n, c) => n + c.l.quantity, 0);
    if (dow >= 1 && dow <= 4 && count >= 2) {
      const cheapest = cups.reduce((a, b) => (b.l.product.listPriceMinor < a.l.product.listPriceMinor ? b : a));
      out[cheapest.i] = Math.round(cheapest.l.product.listPriceMinor / 2);
    }
  } else {
    // 特价: a few lines on promotion at 10–20% off.
    lines.forEach((_, i) => {
      if (chance(rng, 0.08)) out[i] = Math.round((gross[i]! * intBetween(rng, 10, 20)) / 100);
    });
  }
  return out;
}

/** One order-level offer in fen, the best the shopper qualifies for. */
function orderDiscount(rng: Rng, format: DemoFormat, net: number, ctx: PriceContext): number {
  const promo = promoPeriod(ctx.day);
  const member = ctx.member !== null;
  const birthday = ctx.member?.birthMonth === ctx.day.month;
  const offers = [0];
  if (format === 'clothing') {
    if (promo === '618' || promo === 'double11') offers.push(Math.floor(net / 30000) * 4000); // 每满300减40
    if (birthday) offers.push(Math.round(net * 0.1)); // 生日月9折
  } else if (format === 'tea') {
    if (member && ctx.day.dow === 2) offers.push(Math.round(net * 0.2)); // 周二会员日8折
    if (ctx.channel !== 'store' && net >= 3000 && chance(rng, 0.3)) offers.push(500); // 满30减5券
  } else {
    if (promo === 'new-year-goods') offers.push(net >= 20000 ? 3000 : 0); // 年货节满200减30
    if (ctx.day.dow === 0 || ctx.day.dow === 6) offers.push(net >= 20000 ? 2500 : net >= 10000 ? 1000 : 0);
    if (member && ctx.day.dow === 3) offers.push(Math.round(net * 0.05)); // 周三会员95折
  }
  return Math.min(net, Math.max(...offers));
}

/** Turn a basket into priced order lines; every line has net = gross − discount, all in whole fen. */
export function priceBasket(rng: Rng, format: DemoFormat, lines: readonly PickedLine[], ctx: PriceContext): OrderLineInput[] {
  const gross = lines.map((l) => lineAmount(l.product.listPriceMinor, l.quantity));
  const own = lineDiscounts(rng, format, lines, gross, ctx);
  const remaining = gross.map((g, i) => g - own[i]!);
  const net = remaining.reduce((a, b) => a + b, 0);
  const shared = allocate(orderDiscount(rng, format, net, ctx), remaining);
  return lines.map((l, i) => {
    const discountMinor = own[i]! + shared[i]!;
    return {
      sku: l.product.sku,
      name: l.product.name,
      category: l.product.category,
      quantity: l.quantity,
      unitPriceMinor: l.product.listPriceMinor,
      grossMinor: gross[i]!,
      discountMinor,
      netMinor: gross[i]! - discountMinor,
      costMinor: lineAmount(l.product.unitCostMinor, l.quantity),
      kind: 'merchandise',
    };
  });
}
