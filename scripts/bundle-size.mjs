// Why: issue 7 caps the dashboard's first screen at 300 kB of gzipped JavaScript. This reads the
// built web/dist (run `npm run build:web` first) through Vite's manifest and prints, gzip -9:
//   - the first screen: the entry chunk and its static imports (the shell), the Overview page's
//     chunks, and the echarts core chunk the Overview's bar/line charts load;
//   - each page's own lazy chunks (what it adds to the shell);
//   - each extra chart type's chunks (what it adds to the echarts core; loaded only by the pages that
//     draw that type, see web/src/ui/charts/load.ts);
//   - any other lazy chunk (the English dictionary).
// kB here is 1000 bytes. Exits 1 when the first screen is over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300_000;
const ENTRY = 'index.html';
const OVERVIEW = 'src/features/overview/OverviewPage.tsx';
const CHART_CORE = 'src/ui/charts/core.ts';

const dist = join(import.meta.dirname, '..', 'web', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (key) => gzipSync(readFileSync(join(dist, manifest[key].file)), { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;

/** The manifest keys a chunk needs before it runs: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const k of manifest[key].imports ?? []) closure(k, into);
  return into;
}
const minus = (a, ...bs) => new Set([...a].filter((k) => !bs.some((b) => b.has(k))));
const total = (keys) => [...keys].reduce((sum, k) => sum + gz(k), 0);
const files = (keys) => [...keys].map((k) => `${manifest[k].file.replace('assets/', '')} ${(gz(k) / 1000).toFixed(1)}`).join(', ');

const shell = closure(ENTRY);
const core = minus(closure(CHART_CORE), shell);
const overview = minus(closure(OVERVIEW), shell);
const firstScreen = total(shell) + total(overview) + total(core);

console.log('Dashboard JavaScript, gzip -9 (kB = 1000 bytes)');
console.log(`first screen ${kB(firstScreen)}  (budget ${kB(BUDGET_BYTES).trim()})`);
console.log(`  shell      ${kB(total(shell))}  ${files(shell)}`);
console.log(`  overview   ${kB(total(overview))}  ${files(overview)}`);
console.log(`  chart core ${kB(total(core))}  ${files(core)}`);

const byName = (a, b) => a.localeCompare(b);
const dynamic = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry).sort(byName);
console.log('each page, its own chunks (beyond the shell; charts load the chart core too):');
for (const page of dynamic.filter((k) => k.startsWith('src/features/'))) {
  const own = minus(closure(page), shell);
  console.log(`  ${manifest[page].name.padEnd(14)} ${kB(total(own))}  ${files(own)}`);
}
console.log('each extra chart type (beyond the shell and the chart core):');
for (const kind of dynamic.filter((k) => k.startsWith('src/ui/charts/') && k !== CHART_CORE)) {
  const own = minus(closure(kind), shell, closure(CHART_CORE));
  console.log(`  ${manifest[kind].name.padEnd(14)} ${kB(total(own))}  ${files(own)}`);
}
console.log('loaded on demand elsewhere (e.g. the English dictionary, fetched by those who pick English):');
for (const other of dynamic.filter((k) => !k.startsWith('src/features/') && !k.startsWith('src/ui/charts/'))) {
  const own = minus(closure(other), shell);
  console.log(`  ${manifest[other].name.padEnd(14)} ${kB(total(own))}  ${files(own)}`);
}
if (firstScreen > BUDGET_BYTES) {
  console.error(`first screen ${kB(firstScreen).trim()} is over the ${kB(BUDGET_BYTES).trim()} budget`);
  process.exit(1);
}
