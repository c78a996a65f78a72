// The retention overview of a period: who bought, new or returning, what an order is worth, how many
// customers buy across categories, and how much of the customer base is active or dormant at the end
// of the period — in total and by store, channel, segment and month.
import { addDays } from '../time.ts';
import { checkDays, monthsOf, ratio, type Period } from './period.ts';

/** One order placed in the period. */
export interface OrderFact {
  /** Null for anonymous orders: they count in orders and money, never in customers. */
  customerId: number | null;
  date: string;
  store: string;
  channel: string;
  /** What the customer paid: after discounts, before returns. */
  salesMinor: number;
  discountMinor: number;
  /** Merchandise units. */
  items: number;
  /** Distinct merchandise categories on the order. */
  categories: readonly string[];
  /** The customer's first order ever, at any store (null when anonymous). */
  firstPurchaseDate: string | null;
}

/** A customer bought at a store through a channel on a date: the history up to the period end. */
export interface Visit { customerId: number; date: string; store: string; channel: string }

export interface Figures {
  /** Customers with an order in the period; new = their first order ever is in it; returning = the rest. */
  customers: number;
  newCustomers: number;
  returningCustomers: number;
  /** Orders in the period, anonymous ones included, and those of known customers. */
  orders: number;
  memberOrders: number;
  salesMinor: number;
  discountMinor: number;
  items: number;
  /** salesMinor ÷ orders, rounded to a minor unit. */
  avgOrderValueMinor: number | null;
  itemsPerOrder: number | null;
  /** Customers who bought ≥2 distinct merchandise categories in the period, and their share of customers. */
  crossSellCustomers: number;
  crossSellRate: number | null;
  /** Customers with a purchase on or before the period end (the base of the two shares below). */
  members: number;
  /** Members whose last purchase is within `activeDays` days ending on the period end. */
  activeMembers: number;
  /** Members with no purchase in the `dormantDays` days ending on the period end. */
  dormantMembers: number;
  activeShare: number | null;
  dormantShare: number | null;
}

export interface Slice extends Figures { key: string }

export interface Overview {
  activeDays: number;
  dormantDays: number;
  total: Figures;
  byStore: Slice[];
  byChannel: Slice[];
  /** Only when the caller gives a customer → segment map; customers outside it are '(none)'. */
  bySegment: Slice[] | null;
  /** Likewise with a customer → loyalty tier map (members never enrolled are '(none)'). */
  byTier: Slice[] | null;
  /** Each month of the period, cut to the period; active and dormant as of the month's last day. */
  byMonth: Slice[];
}

export const DEFAULT_ACTIVE_DAYS = 90;
export const DEFAULT_DORMANT_DAYS = 180;
export const NO_SEGMENT = '(none)';

export interface Windows { activeDays: number; dormantDays: number }

/** The active and dormant windows with their defaults, checked: dormant is never shorter than active. */
export function checkWindows(w: Partial<Windows>): Windows {
  const activeDays = checkDays('activeDays', w.activeDays ?? DEFAULT_ACTIVE_DAYS);
  return { activeDays, dormantDays: checkDays('dormantDays', w.dormantDays ?? DEFAULT_DORMANT_DAYS, activeDays) };
}

/** Each customer's last visit on or before `to`. */
function lastVisits(visits: readonly Visit[], to: string): Map<number, string> {
  const last = new Map<number, string>();
  for (const v of visits) {
    if (v.date > to) continue;
    const l = last.get(v.customerId);
    if (l === undefined || v.date > l) last.set(v.customerId, v.date);
  }
  return last;
}

function figures(orders: readonly OrderFact[], last: ReadonlyMap<number, string>, p: Period, w: Windows): Figures {
  // One entry per customer with an order: the categories they bought.
  const categories = new Map<number, Set<string>>();
  const newOnes = new Set<number>();
  let salesMinor = 0, discountMinor = 0, items = 0, memberOrders = 0;
  for (const o of orders) {
    salesMinor += o.salesMinor; discountMinor += o.discountMinor; items += o.items;
    if (o.customerId === null) continue;
    memberOrders++;
    let cats = categories.get(o.customerId);
    if (!cats) categories.set(o.customerId, (cats = new Set()));
    for (const c of o.categories) cats.add(c);
    if (o.firstPurchaseDate !== null && o.firstPurchaseDate >= p.from) newOnes.add(o.customerId);
  }
  let active = 0, dormant = 0;
  if (last.size > 0) {
    // Idle days (last date to period end) < activeDays ⇔ last date after the first cut-off; ≥ dormantDays
    // ⇔ on or before the second. Comparing date strings spares two date parses per member.
    const activeAfter = addDays(p.to, -w.activeDays), dormantBy = addDays(p.to, -w.dormantDays);
    for (const date of last.values()) {
      if (date > activeAfter) active++;
      if (date <= dormantBy) dormant++;
    }
  }
  const crossSell = [...categories.values()].filter((c) => c.size >= 2).length;
  return assembleFigures({
    customers: categories.size, newCustomers: newOnes.size, orders: orders.length, memberOrders, salesMinor, discountMinor, items,
    crossSellCustomers: crossSell, members: last.size, activeMembers: active, dormantMembers: dormant,
  });
}

/** The counts a slice's figures are made of (the rest are ratios of them). */
export type FigureCounts = Pick<Figures, 'customers' | 'newCustomers' | 'orders' | 'memberOrders' | 'salesMinor' | 'discountMinor' | 'items'
  | 'crossSellCustomers' | 'members' | 'activeMembers' | 'dormantMembers'>;

/** Figures from their counts: returning customers and the ratios (null when nothing is counted). */
export function assembleFigures(c: FigureCounts): Figures {
  const avg = ratio(c.salesMinor, c.orders);
  return {
    customers: c.customers, newCustomers: c.newCustomers, returningCustomers: c.customers - c.newCustomers,
    orders: c.orders, memberOrders: c.memberOrders, salesMinor: c.salesMinor, discountMinor: c.discountMinor, items: c.items,
    avgOrderValueMinor: avg === null ? null : Math.round(avg), itemsPerOrder: ratio(c.items, c.orders),
    crossSellCustomers: c.crossSellCustomers, crossSellRate: ratio(c.crossSellCustomers, c.customers),
    members: c.members, activeMembers: c.activeMembers, dormantMembers: c.dormantMembers,
    activeShare: ratio(c.activeMembers, c.members), dormantShare: ratio(c.dormantMembers, c.members),
  };
}

function sliced<K extends string>(
  keyOfOrder: (o: OrderFact) => K | null, keyOfVisit: (v: Visit) => K | null,
  orders: readonly OrderFact[], visits: readonly Visit[], p: Period, w: Windows,
): Slice[] {
  const o = new Map<K, OrderFact[]>();
  const v = new Map<K, Visit[]>();
  for (const x of orders) { const k = keyOfOrder(x); if (k !== null) (o.get(k) ?? o.set(k, []).get(k)!).push(x); }
  for (const x of visits) { const k = keyOfVisit(x); if (k !== null) (v.get(k) ?? v.set(k, []).get(k)!).push(x); }
  const keys = [...new Set([...o.keys(), ...v.keys()])].sort();
  return keys.map((key) => ({ key, ...figures(o.get(key) ?? [], lastVisits(v.get(key) ?? [], p.to), p, w) }));
}

/**
 * The overview of `period` from its orders and the customers' visits up to its end (all history).
 * Active = bought within `activeDays` (default 90) days ending on the period end; dormant = no purchase
 * in the `dormantDays` (default 180) days ending on it; the members in between are lapsing. No period
 * (a store without orders) gives zero figures and no months.
 */
export function overview(
  orders: readonly OrderFact[], visits: readonly Visit[],
  opts: Partial<Windows> & { period: Period | null; segmentOf?: ReadonlyMap<number, string>; tierOf?: ReadonlyMap<number, string> },
): Overview {
  const w = checkWindows(opts);
  // Without a period there are no facts either; any date serves the (empty) sums.
  const p = opts.period ?? { from: '', to: '' };
  const inPeriod = orders.filter((o) => o.date >= p.from && o.date <= p.to);
  // A breakdown by a customer → group map: anonymous orders belong to no group, customers outside the map to '(none)'.
  const byGroup = (groupOf: ReadonlyMap<number, string> | undefined) => {
    if (!groupOf) return null;
    const group = (id: number | null) => (id === null ? null : groupOf.get(id) ?? NO_SEGMENT);
    return sliced((o) => group(o.customerId), (v) => group(v.customerId), inPeriod, visits, p, w);
  };
  return {
    ...w,
    total: figures(inPeriod, lastVisits(visits, p.to), p, w),
    byStore: sliced((o) => o.store, (v) => v.store, inPeriod, visits, p, w),
    byChannel: sliced((o) => o.channel, (v) => v.channel, inPeriod, visits, p, w),
    bySegment: byGroup(opts.segmentOf),
    byTier: byGroup(opts.tierOf),
    byMonth: byMonth(inPeriod, visits, opts.period ? monthsOf(p) : [], w),
  };
}

/**
 * Each month's figures, its members' last visits as of its last day. Months come in date order, so one
 * pass over the visits sorted by date carries the last-visit map from one month end to the next
 * (instead of rebuilding it from all history for every month).
 */
function byMonth(inPeriod: readonly OrderFact[], visits: readonly Visit[], months: ReturnType<typeof monthsOf>, w: Windows): Slice[] {
  if (months.length === 0) return [];
  const sorted = [...visits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const last = new Map<number, string>();
  let i = 0;
  return months.map((m) => {
    for (; i < sorted.length && sorted[i]!.date <= m.to; i++) last.set(sorted[i]!.customerId, sorted[i]!.date);
    return { key: m.month, ...figures(inPeriod.filter((o) => o.date >= m.from && o.date <= m.to), last, m, w) };
  });
}
