// `regulars demo`: a believable chain, deterministic from a seed. Stores, products and members are
// built up front (20k members is a few MB); orders and returns stream lazily in time order, so a
// year of history never sits in memory as objects.
import type { CustomerInput, ProductInput, StoreInput } from '../customers/types.ts';
import { invalid } from '../errors.ts';
import type { CustomerRef, OrderInput, ReturnInput } from '../orders/types.ts';
import { addDays } from '../time.ts';
import { buildBasket, CATALOG } from './baskets.ts';
import { productInput } from './catalog.ts';
import { createClock, type DemoClock } from './clock.ts';
import { generateMembers, type DemoMember } from './members.ts';
import { priceBasket } from './pricing.ts';
import { createRng, type Rng } from './random.ts';
import { maybeReturn, type ReturnDraft } from './returns.ts';
import { scheduleTrips } from './schedule.ts';
import { DEMO_STORES, storeInput } from './stores.ts';

export const DEMO_SOURCE = 'demo';

export interface DemoOptions {
  seed?: number;
  members?: number;
  /** Last business date of the history (YYYY-MM-DD), injected: the demo never reads the clock. */
  asOf: string;
  /** Length of the order history in days, ending on `asOf`. */
  days?: number;
}

export type DemoEvent = { type: 'order'; order: OrderInput } | { type: 'return'; return: ReturnInput };

export interface DemoChain {
  stores: StoreInput[];
  products: ProductInput[];
  /** Ordered by registration; member numbers M00000001… follow that order. */
  customers: CustomerInput[];
  /** Orders and returns merged in time order. Each iteration replays the same stream. */
  events: Iterable<DemoEvent>;
  /** The orders of `events`, in time order. */
  orders: Iterable<OrderInput>;
  /** The returns of `events`, in time order (always after their order, within the history). */
  returns: Iterable<ReturnInput>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(options: DemoOptions): Required<DemoOptions> {
  const { seed = 42, members = 20000, asOf, days = 365 } = options;
  if (!Number.isSafeInteger(seed)) throw invalid('seed', 'seed must be an integer');
  if (!Number.isInteger(members) || members < 0 || members > 1_000_000) throw invalid('members', 'members must be an integer from 0 to 1,000,000');
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw invalid('days', 'days must be an integer from 1 to 3660');
  if (!DATE.test(asOf) || new Date(Date.parse(`${asOf}T00:00:00Z`) || 0).toISOString().slice(0, 10) !== asOf) throw invalid('asOf', 'asOf must be a date YYYY-MM-DD');
  return { seed, members, asOf, days };
}

function customerRef(rng: Rng, m: DemoMember, channel: string): CustomerRef {
  const { memberNo, phone } = m.customer;
  // Delivery platforms hand over a phone only; some tills record just the card or just the phone.
  if (channel === 'delivery') return { memberNo: null, phone };
  const r = rng();
  if (r < 0.07) return { memberNo, phone: null };
  if (r < 0.1) return { memberNo: null, phone };
  return { memberNo, phone };
}

/**
 * Build the demo chain for `asOf`.
 * @example const demo = generateDemo({ asOf: '2024-12-31', members: 2000 }); for (const o of demo.orders) …
 */
export function generateDemo(options: DemoOptions): DemoChain {
  const { seed, members: count, asOf, days } = check(options);
  const stores = DEMO_STORES;
  const byZone = new Map<string, DemoClock>();
  const clocks = stores.map((s) => {
    const clock = byZone.get(s.timeZone) ?? createClock(addDays(asOf, -(days - 1)), s.timeZone);
    byZone.set(s.timeZone, clock);
    return clock;
  });
  const members = generateMembers(createRng(seed, 'members'), count, stores, clocks, asOf, days);
  const trips = scheduleTrips(createRng(seed, 'schedule'), members, stores, clocks, days);
  const formats = new Set(stores.map((s) => s.format));

  function* events(): Generator<DemoEvent> {
    const rng = createRng(seed, 'orders');
    const returnRng = createRng(seed, 'returns');
    const orderSeq = stores.map(() => 0);
    const returnSeq = stores.map(() => 0);
    const pending: ReturnDraft[] = [];
    for (const trip of trips) {
      while (pending.length > 0 && pending[0]!.ms <= trip.ms) yield { type: 'return', return: pending.shift()!.ret };
      const store = stores[trip.store]!;
      const clock = clocks[trip.store]!;
      const member = trip.member >= 0 ? members[trip.member]! : null;
      const day = clock.info(trip.day);
      const picked = buildBasket(rng, store.format, { day, member, channel: trip.channel, flags: trip.flags });
      const order: OrderInput = {
        source: DEMO_SOURCE,
        externalId: `D-${store.code}-${String(++orderSeq[trip.store]!).padStart(6, '0')}`,
        storeCode: store.code,
        customer: member ? customerRef(rng, member, trip.channel) : null,
        placedAt: new Date(trip.ms).toISOString(),
        businessDate: day.date,
        channel: trip.channel,
        lines: priceBasket(rng, store.format, picked, { day, member, channel: trip.channel }),
      };
      yield { type: 'order', order };
      const draft = maybeReturn(returnRng, store.format, order, trip.day, clock, days,
        () => `DR-${store.code}-${String(++returnSeq[trip.store]!).padStart(5, '0')}`);
      if (draft) insertByTime(pending, draft);
    }
    for (const d of pending) yield { type: 'return', return: d.ret };
  }

  return {
    stores: stores.map(storeInput),
    products: [...formats].flatMap((f) => CATALOG[f].map(productInput)),
    customers: members.map((m) => m.customer),
    events: { [Symbol.iterator]: events },
    orders: { *[Symbol.iterator]() { for (const e of events()) if (e.type === 'order') yield e.order; } },
    returns: { *[Symbol.iterator]() { for (const e of events()) if (e.type === 'return') yield e.return; } },
  };
}

// Pending returns stay few (a fortnight's worth), so a sorted array is enough.
function insertByTime(list: ReturnDraft[], draft: ReturnDraft): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.ms > draft.ms) i--;
  list.splice(i, 0, draft);
}
