// One customer's contribution to the stored overview figures (overview_cells), from their visits:
// each (business day, store, channel) they bought on, with the day's merchandise categories there.
// - per span (the whole history 'all', or a month 'YYYY-MM') and slice (the total, a store, a
//   channel) they bought in: 'customers'; 'new' when their first purchase ever is on or after the
//   span's start; 'xsell' when they bought ≥2 distinct categories in it;
// - per slice, 'run' cells for "the last visit as of a date": for each month they bought in (at that
//   slice), the last day they bought that month, valid from that month until the next month they
//   bought (`until`, '' for none). As of a date X that is a month's end or on or after every visit,
//   the runs with day ≤ X and until > X's month hold each member's last visit, which is what active
//   and dormant count.
// Summed over customers, the cells give exactly the distinct-customer counts overview() makes from
// orders and visits, so a sale only moves the cells of its own customer.
import { addDays, monthOf } from '../time.ts';
import { assembleFigures, type Figures, type Overview, type Slice, type Windows } from './overview.ts';
import { monthsOf, type Period } from './period.ts';

/** A customer's purchases on one day at one store through one channel. */
export interface StoredVisit { date: string; store: string; channel: string; categories: readonly string[] }

export type OverviewKind = 'customers' | 'new' | 'xsell' | 'run';
/** day and until are '' except in 'run' cells; span is '' in 'run' cells. */
export interface OverviewCell { span: string; kind: OverviewKind; slice: string; day: string; until: string }

export const ALL_SPAN = 'all';
export const TOTAL = 'total';
export const storeSlice = (store: string) => `store:${store}`;
export const channelSlice = (channel: string) => `channel:${channel}`;

/** The cells of a customer with these visits (any order). */
export function overviewCells(visits: readonly StoredVisit[]): OverviewCell[] {
  if (visits.length === 0) return [];
  const out: OverviewCell[] = [];
  const sorted = [...visits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const firstEver = sorted[0]!.date;
  const slicesOf = (v: StoredVisit) => [TOTAL, storeSlice(v.store), channelSlice(v.channel)];

  const spans = new Map<string, StoredVisit[]>([[ALL_SPAN, sorted]]);
  for (const v of sorted) (spans.get(monthOf(v.date)) ?? spans.set(monthOf(v.date), []).get(monthOf(v.date))!).push(v);
  for (const [span, vs] of spans) {
    const isNew = span === ALL_SPAN || firstEver >= `${span}-01`;
    const cats = new Map<string, Set<string>>();
    for (const v of vs) {
      for (const slice of slicesOf(v)) {
        const set = cats.get(slice) ?? cats.set(slice, new Set()).get(slice)!;
        for (const c of v.categories) set.add(c);
      }
    }
    for (const [slice, set] of cats) {
      out.push({ span, kind: 'customers', slice, day: '', until: '' });
      if (isNew) out.push({ span, kind: 'new', slice, day: '', until: '' });
      if (set.size >= 2) out.push({ span, kind: 'xsell', slice, day: '', until: '' });
    }
  }

  // Runs: per slice, the last day of each month with a visit, until the next such month.
  const lastByMonth = new Map<string, Map<string, string>>();
  for (const v of sorted) {
    for (const slice of slicesOf(v)) (lastByMonth.get(slice) ?? lastByMonth.set(slice, new Map()).get(slice)!).set(monthOf(v.date), v.date);
  }
  for (const [slice, months] of lastByMonth) {
    const list = [...months];
    list.forEach(([, day], i) => out.push({ span: '', kind: 'run', slice, day, until: list[i + 1]?.[0] ?? '' }));
  }
  return out;
}

/** Members, active and dormant as of `asOf` from run cells with their customer counts. */
export function membersAsOf(
  runs: readonly { day: string; until: string; customers: number }[], asOf: string, cut: { activeAfter: string; dormantBy: string },
): { members: number; active: number; dormant: number } {
  const month = monthOf(asOf);
  let members = 0, active = 0, dormant = 0;
  for (const r of runs) {
    if (r.day > asOf || (r.until !== '' && r.until <= month)) continue;
    members += r.customers;
    if (r.day > cut.activeAfter) active += r.customers;
    if (r.day <= cut.dormantBy) dormant += r.customers;
  }
  return { members, active, dormant };
}

/** A sales_day row: one day's orders at a store through a channel. */
export interface DaySales { date: string; store: string; channel: string; orders: number; memberOrders: number; salesMinor: number; discountMinor: number; items: number }

/** What the stored overview is read from, for one span (see the store's reader). */
export interface OverviewSums {
  /** 'customers', 'new' and 'xsell' cells of the span and of every month in it, with their customers. */
  counts: readonly { span: string; kind: string; slice: string; customers: number }[];
  /** The total slice's run cells (for the months), and members / active / dormant of every slice as of the period end. */
  totalRuns: readonly { day: string; until: string; customers: number }[];
  asOfEnd: ReadonlyMap<string, { members: number; active: number; dormant: number }>;
  sales: readonly DaySales[];
}

/**
 * The overview of a whole-chain period that is a stored span (the whole history, or one calendar
 * month) from its sums: the same figures overview() computes from orders and visits, without segments.
 * `storeCode` names the stores of the slices (store ids as text).
 */
export function overviewFromCells(
  s: OverviewSums, opts: { span: string; period: Period; windows: Windows; storeCode: ReadonlyMap<string, string> },
): Overview {
  const { span, period: p, windows: w } = opts;
  const count = new Map(s.counts.map((c) => [`${c.span}|${c.kind}|${c.slice}`, c.customers]));
  const cnt = (sp: string, kind: string, slice: string) => count.get(`${sp}|${kind}|${slice}`) ?? 0;
  const cut = (x: string) => ({ activeAfter: addDays(x, -w.activeDays), dormantBy: addDays(x, -w.dormantDays) });
  const money = (rows: readonly DaySales[]) => {
    const m = { orders: 0, memberOrders: 0, salesMinor: 0, discountMinor: 0, items: 0 };
    for (const r of rows) { m.orders += r.orders; m.memberOrders += r.memberOrders; m.salesMinor += r.salesMinor; m.discountMinor += r.discountMinor; m.items += r.items; }
    return m;
  };
  const inPeriod = s.sales.filter((r) => r.date >= p.from && r.date <= p.to);
  const slice = (sp: string, key: string, rows: readonly DaySales[], asOf: { members: number; active: number; dormant: number } | undefined): Figures =>
    assembleFigures({
      customers: cnt(sp, 'customers', key), newCustomers: cnt(sp, 'new', key), crossSellCustomers: cnt(sp, 'xsell', key), ...money(rows),
      members: asOf?.members ?? 0, activeMembers: asOf?.active ?? 0, dormantMembers: asOf?.dormant ?? 0,
    });
  const breakdown = (prefix: string, keyOf: (r: DaySales) => string, label: (k: string) => string): Slice[] => {
    const keys = new Set(inPeriod.map(keyOf));
    for (const [k, v] of s.asOfEnd) if (k.startsWith(prefix) && v.members > 0) keys.add(k.slice(prefix.length));
    return [...keys].map((k) => ({ label: label(k), k }))
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
      .map(({ label: key, k }) => ({ key, ...slice(span, prefix + k, inPeriod.filter((r) => keyOf(r) === k), s.asOfEnd.get(prefix + k)) }));
  };
  return {
    ...w,
    total: slice(span, TOTAL, inPeriod, membersAsOf(s.totalRuns, p.to, cut(p.to))),
    byStore: breakdown(storeSlice(''), (r) => r.store, (k) => opts.storeCode.get(k) ?? k),
    byChannel: breakdown(channelSlice(''), (r) => r.channel, (k) => k),
    bySegment: null,
    byTier: null,
    byMonth: monthsOf(p).map((m) => ({
      key: m.month,
      ...slice(m.month, TOTAL, inPeriod.filter((r) => r.date >= m.from && r.date <= m.to), membersAsOf(s.totalRuns, m.to, cut(m.to))),
    })),
  };
}
