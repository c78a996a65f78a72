// Benchmarks for the predictive models on the shared reference datasets. Prints figures; asserts nothing.
//   npx node bench/models.bench.ts            (REGULARS_DATASETS overrides ../shared/datasets)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fitBgNbd } from '../src/domain/models/bgnbd.ts';
import { customerLifetimeValues } from '../src/domain/models/clv.ts';
import { frequentItemsets } from '../src/domain/models/fpgrowth.ts';
import { fitGammaGamma } from '../src/domain/models/gamma-gamma.ts';
import { fitParetoNbd } from '../src/domain/models/pareto-nbd.ts';
import { hitRateAtK } from '../src/domain/models/recommend.ts';
import { rulesFromItemsets } from '../src/domain/models/rules.ts';
import { groupTriples, type CustomerTriple } from '../src/domain/models/triples.ts';

const DATASETS = process.env.REGULARS_DATASETS ?? resolve(import.meta.dirname, '../../shared/datasets');

function lines(relative: string): string[] | null {
  const path = join(DATASETS, relative);
  if (!existsSync(path)) {
    console.log(`skipped: dataset not found at ${path}`);
    return null;
  }
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l !== '');
}

/** Median wall time of `runs` calls, in milliseconds, after one warm-up call. */
function time<R>(runs: number, f: () => R): { ms: number; result: R } {
  let result = f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

const groceries = lines('groceries/groceries_baskets.txt.gz')?.map((l) => l.split(','));
if (groceries) {
  const mined = time(5, () => frequentItemsets(groceries, { minSupport: 0.001 }));
  const derived = time(5, () => rulesFromItemsets(mined.result, { minConfidence: 0.5 }));
  console.log(`Groceries (${groceries.length} baskets): FP-Growth supp 0.001 → ${mined.result.itemsets.length} itemsets in ${fmt(mined.ms)}; `
    + `rules conf 0.5 → ${derived.result.length} rules in ${fmt(derived.ms)} (median of 5)`);
}

const summary = lines('cdnow/cdnow_sample_calibration_summary.csv.gz')?.slice(1).map((l) => {
  const [, x, tx, T, m] = l.split(',').map(Number);
  return { x: x!, tx: tx!, T: T!, m: m! };
});
if (summary) {
  const triples = groupTriples(summary);
  const bg = time(9, () => fitBgNbd(triples));
  console.log(`CDNOW BG/NBD: ${summary.length} customers, ${triples.x.length} distinct triples, fit in ${fmt(bg.ms)} `
    + `(${bg.result.iterations} L-BFGS iterations, LL ${bg.result.logLikelihood.toFixed(4)}, median of 9)`);
  const pnbd = time(3, () => fitParetoNbd(triples));
  console.log(`CDNOW Pareto/NBD (numerical gradient): fit in ${fmt(pnbd.ms)} (${pnbd.result.iterations} iterations, `
    + `LL ${pnbd.result.logLikelihood.toFixed(4)}, median of 3)`);
  const gg = time(9, () => fitGammaGamma(summary));
  console.log(`CDNOW Gamma-Gamma: ${gg.result.customers} repeaters, fit in ${fmt(gg.ms)} (median of 9)`);
  const clv = time(5, () => customerLifetimeValues(bg.result.params, gg.result.params, summary, { periodLength: 365.25 / 12 / 7 }));
  console.log(`CDNOW CLV, 12 monthly steps: ${clv.result.customers.length} customers in ${fmt(clv.ms)} (median of 5)`);

  // A million customers with CDNOW's histories: grouping is linear, the fit costs what the distinct triples cost.
  const copies = Math.ceil(1_000_000 / summary.length);
  const million: CustomerTriple[] = [];
  for (let k = 0; k < copies; k++) for (const c of summary) million.push(c);
  const grouped = time(1, () => groupTriples(million));
  const fit = time(1, () => fitBgNbd(grouped.result));
  console.log(`${million.length} customers (CDNOW × ${copies}): grouped into ${grouped.result.x.length} triples in ${fmt(grouped.ms)}, `
    + `BG/NBD fit in ${fmt(fit.ms)}`);
}

/** Fields of one CSV line; only Online Retail descriptions are quoted, so a small splitter suffices. */
function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(field); field = ''; } else field += ch;
  }
  out.push(field);
  return out;
}

const retail = lines('online_retail/online_retail.csv.gz');
if (retail) {
  // Usual cleaning: known customer, no cancellations, positive quantity, product stock codes only.
  const events = retail.slice(1).map(csvFields)
    .filter((f) => f[6] !== '' && !f[0]!.startsWith('C') && Number(f[3]) > 0 && /^\d{5}/.test(f[1]!))
    .map((f) => ({ customerId: f[6]!, date: f[4]!.slice(0, 10), item: f[1]! }));
  for (const k of [10]) {
    const r = time(1, () => hitRateAtK(events, { testFromDate: '2011-10-01', k }));
    console.log(`Online Retail item-to-item (train < 2011-10-01, ${r.result.trainBaskets} visits): hit-rate@${k} ${(100 * r.result.hitRate).toFixed(1)} % `
      + `vs popularity ${(100 * r.result.popularityHitRate).toFixed(1)} % over ${r.result.customers} customers, in ${fmt(r.ms)}`);
  }
}
