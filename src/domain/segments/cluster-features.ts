// The customer features k-means sees: log recency, log frequency, log spend, and margin and category
// breadth when every customer has them, each standardised to mean 0 and standard deviation 1 so that no
// unit (days, orders, fen) outweighs another. Logs because these quantities are heavily right-skewed: a
// customer with 200 orders is not 100 times as different from one with 2 as one with 2 is from one with 1.
import { invalid } from '../errors.ts';
import type { Points } from './points.ts';

/** One customer's facts as of the clustering date. */
export interface ClusterInput {
  id: number;
  /** Days from the last purchase to the as-of date (≥ 0). */
  recencyDays: number;
  /** Orders in the window (≥ 1: only customers who bought are clustered). */
  orders: number;
  /** Net spend (sales − returns) in minor units; below zero counts as zero. */
  netMinor: number;
  /** Net spend − cost in minor units; used only when known for every customer. */
  marginMinor?: number | null;
  /** Distinct categories bought; used only when known for every customer. */
  categories?: number | null;
}

export type FeatureName = 'recencyDays' | 'orders' | 'netMinor' | 'marginMinor' | 'categories';

interface Feature {
  name: FeatureName;
  /** The transformed value of a row (validated). */
  value: (row: ClusterInput, field: string) => number;
  /** From the transformed scale back to the original unit. */
  inverse: (x: number) => number;
  optional: boolean;
}

/** Standardised features of the rows with what is needed to read a centre back in original units. */
export interface CustomerFeatures {
  points: Points;
  names: FeatureName[];
  means: Float64Array;
  sds: Float64Array;
}

const signedLog1p = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));
const signedExpm1 = (x: number): number => Math.sign(x) * Math.expm1(Math.abs(x));

const FEATURES: readonly Feature[] = [
  { name: 'recencyDays', optional: false, inverse: Math.expm1, value: (r, f) => Math.log1p(atLeast(r.recencyDays, 0, `${f}/recencyDays`)) },
  { name: 'orders', optional: false, inverse: Math.exp, value: (r, f) => Math.log(atLeast(r.orders, 1, `${f}/orders`)) },
  // log1p of minor units: the +1 is a single fen, and a customer whose returns cancel every sale lands on 0.
  { name: 'netMinor', optional: false, inverse: Math.expm1, value: (r, f) => Math.log1p(Math.max(finite(r.netMinor, `${f}/netMinor`), 0)) },
  // Margin can be negative (sold below cost), so it gets a log that keeps the sign.
  { name: 'marginMinor', optional: true, inverse: signedExpm1, value: (r, f) => signedLog1p(finite(r.marginMinor!, `${f}/marginMinor`)) },
  { name: 'categories', optional: true, inverse: Math.expm1, value: (r, f) => Math.log1p(atLeast(r.categories!, 0, `${f}/categories`)) },
];

/** Builds the standardised feature matrix; throws a VALIDATION AppError naming the first bad field. */
export function customerFeatures(rows: readonly ClusterInput[]): CustomerFeatures {
  const used = FEATURES.filter((f) => !f.optional || rows.every((r) => r[f.name] !== null && r[f.name] !== undefined));
  const n = rows.length, d = used.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) data[i * d + t] = used[t]!.value(rows[i]!, `rows/${i}`);
  }
  const means = new Float64Array(d), sds = new Float64Array(d);
  for (let t = 0; t < d; t++) {
    let sum = 0, min = Infinity, max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = data[i * d + t]!;
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (data[i * d + t]! - mean) ** 2;
    // A feature that is the same for everyone carries no information: it standardises to 0 everywhere
    // (tested on the values, as the computed SD of equal values can be a rounding error above 0).
    const sd = min === max ? 1 : Math.sqrt(squares / n);
    for (let i = 0; i < n; i++) data[i * d + t] = min === max ? 0 : (data[i * d + t]! - mean) / sd;
    means[t] = min === max ? min : mean;
    sds[t] = sd;
  }
  return { points: { data, n, d }, names: used.map((f) => f.name), means, sds };
}

/** A centre of the standardised features in original units: days, orders, minor units, categories. */
export function inOriginalUnits(features: CustomerFeatures, centre: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  features.names.forEach((name, t) => {
    const feature = FEATURES.find((f) => f.name === name)!;
    const value = feature.inverse(centre[t]! * features.sds[t]! + features.means[t]!);
    // Money stays in whole minor units; the rest to two decimals (a centre is an average, 3.47 orders).
    out[name] = (name.endsWith('Minor') ? Math.round(value) : Math.round(value * 100) / 100) + 0; // + 0: no −0
  });
  return out;
}

function finite(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, `${field} must be a finite number, got ${String(value)}`);
  return value;
}

function atLeast(value: number, min: number, field: string): number {
  if (!(finite(value, field) >= min)) throw invalid(field, `${field} must be ≥ ${min}, got ${value}`);
  return value;
}
