// RFM scores 1–5: R from days since the last purchase (recent = 5), F from orders and M from net spend
// (sales − refunds) in the window the facts were loaded for. Quintiles by default; a business whose
// "frequent" differs (a milk-tea shop is not a supermarket) sets fixed thresholds instead.
import { recencyDays, type CustomerFacts } from './facts.ts';
import { quantileScores } from './ranks.ts';
import { increasing, onlyKeys, settings } from './checks.ts';

/**
 * Fixed cut points, four per measure, increasing. Recency: 5 when days ≤ t0, 4 when ≤ t1, 3 when ≤ t2,
 * 2 when ≤ t3, else 1. Orders and net spend: 1 + how many cut points the value reaches (value ≥ t).
 */
export interface RfmThresholds { recencyDays: number[]; orders: number[]; netMinor: number[] }

/** `thresholds: null` scores by quintile. */
export interface RfmConfig { thresholds: RfmThresholds | null }

export const DEFAULT_RFM: RfmConfig = { thresholds: null };

export interface RfmScores { r: Uint8Array; f: Uint8Array; m: Uint8Array; recencyDays: Int32Array }

export function parseRfmConfig(input: unknown, field = '/rfm'): RfmConfig {
  const v = settings(field, input);
  onlyKeys(field, v, ['thresholds']);
  if (v.thresholds === undefined || v.thresholds === null) return DEFAULT_RFM;
  const t = settings(`${field}/thresholds`, v.thresholds);
  onlyKeys(`${field}/thresholds`, t, ['recencyDays', 'orders', 'netMinor']);
  return {
    thresholds: {
      recencyDays: increasing(`${field}/thresholds/recencyDays`, t.recencyDays, 4, { min: 0 }),
      orders: increasing(`${field}/thresholds/orders`, t.orders, 4, { min: 1 }),
      netMinor: increasing(`${field}/thresholds/netMinor`, t.netMinor, 4),
    },
  };
}

/**
 * Score every customer. Quintile score = ceil(5 × rankMin / n) with values sorted ascending (R sorted
 * by −days so the most recent score 5) and rankMin the lowest 1-based rank among ties.
 */
export function rfmScores(
  facts: readonly Pick<CustomerFacts, 'lastPurchaseDate' | 'orders' | 'netMinor'>[], asOf: string, config: RfmConfig = DEFAULT_RFM,
  days: Int32Array = recencyDays(facts, asOf),
): RfmScores {
  const n = facts.length;
  // Plain loops: Float64Array.from(array, fn) walks the array through the iterator protocol.
  const orders = new Float64Array(n), net = new Float64Array(n), recency = new Float64Array(n);
  for (let i = 0; i < n; i++) { const c = facts[i]!; orders[i] = c.orders; net[i] = c.netMinor; recency[i] = -days[i]!; }
  const t = config.thresholds;
  if (!t) return { r: quantileScores(recency), f: quantileScores(orders), m: quantileScores(net), recencyDays: days };
  const reached = (cuts: readonly number[], x: number) => {
    let s = 1;
    for (const c of cuts) if (x >= c) s++;
    return s;
  };
  const recencyCuts = t.recencyDays.map((c) => c + 1); // "more than t days ago" passes a cut
  const r = new Uint8Array(facts.length), f = new Uint8Array(facts.length), m = new Uint8Array(facts.length);
  for (let i = 0; i < facts.length; i++) {
    r[i] = 6 - reached(recencyCuts, days[i]!);
    f[i] = reached(t.orders, orders[i]!);
    m[i] = reached(t.netMinor, net[i]!);
  }
  return { r, f, m, recencyDays: days };
}
