// Returns: a few clothing orders come back within two weeks (wrong size, colour), tea and groceries
// only rarely. A return takes back part of one or two lines, refunded at what was paid.
import type { OrderInput, ReturnInput, ReturnLineInput } from '../orders/types.ts';
import { HOUR_WEIGHTS } from './calendar.ts';
import type { DemoClock } from './clock.ts';
import { secondOfDay } from './members.ts';
import { PROFILES, type DemoFormat } from './profiles.ts';
import { chance, exponential, intBetween, pick, shuffle, type Rng } from './random.ts';

const REASONS: Record<DemoFormat, readonly string[]> = {
  clothing: ['尺码不合适', '尺码不合适', '颜色与预期不符', '不喜欢款式', '七天无理由退货', '质量问题'],
  tea: ['饮品制作错误', '配送超时'],
  supermarket: ['商品质量问题', '临期商品', '包装破损'],
};

export interface ReturnDraft {
  ms: number;
  ret: ReturnInput;
}

/**
 * Maybe return part of `order` (placed on day `day`); null when it is kept or the return would fall
 * after the history ends. `externalId` is used only when a return is made.
 */
export function maybeReturn(
  rng: Rng, format: DemoFormat, order: OrderInput, day: number, clock: DemoClock, days: number, externalId: () => string,
): ReturnDraft | null {
  if (!chance(rng, PROFILES[format].returnRate)) return null;
  const after = format === 'clothing' ? Math.min(14, 1 + Math.floor(exponential(rng, 1 / 4))) : intBetween(rng, 1, 2);
  const returnDay = day + after;
  if (returnDay >= days) return null;
  const picks = shuffle(rng, order.lines.map((_, i) => i)).slice(0, order.lines.length > 1 && chance(rng, 0.15) ? 2 : 1);
  const lines: ReturnLineInput[] = picks.sort((a, b) => a - b).map((i) => {
    const l = order.lines[i]!;
    const whole = !Number.isInteger(l.quantity) || l.quantity === 1;
    const quantity = whole ? l.quantity : intBetween(rng, 1, l.quantity);
    const amountMinor = quantity === l.quantity ? l.netMinor : Math.round((l.netMinor * quantity) / l.quantity);
    return { sku: l.sku, quantity, amountMinor, orderLineNo: i + 1, kind: l.kind, category: l.category };
  });
  const ms = clock.utcMs(returnDay, secondOfDay(rng, HOUR_WEIGHTS[format]));
  return {
    ms,
    ret: {
      source: order.source,
      externalId: externalId(),
      orderExternalId: order.externalId,
      storeCode: order.storeCode,
      customer: order.customer,
      returnedAt: new Date(ms).toISOString(),
      businessDate: clock.date(returnDay),
      reason: pick(rng, REASONS[format]),
      lines,
    },
  };
}
