// Loads echarts with just the series types one chart draws. The option's series `type`s are the
// declaration: bar and line come with the core chunk; each other type is a chunk of its own,
// fetched alongside the core the first time a chart of that type is drawn (echarts.use is additive).
import type { EChartsCoreOption } from 'echarts/core';

const CORE = new Set(['bar', 'line']);
const EXTRA: Record<string, () => Promise<unknown>> = {
  heatmap: () => import('./heatmap.ts'),
  graph: () => import('./graph.ts'),
  funnel: () => import('./funnel.ts'),
};

/** The distinct series types of an option, e.g. ['bar', 'line']. */
function seriesTypes(option: EChartsCoreOption): string[] {
  const series = option.series === undefined ? [] : [option.series].flat() as { type?: unknown }[];
  return [...new Set(series.map((s) => String(s.type)))];
}

/** echarts' `init`, once the core and the option's other series types are registered. */
export async function loadEcharts(option: EChartsCoreOption) {
  const types = seriesTypes(option);
  // A type nobody registered would draw an empty box without a word; say so instead.
  const unknown = types.filter((t) => !CORE.has(t) && !EXTRA[t]);
  if (unknown.length) throw new Error(`chart series type not registered in web/src/ui/charts/load.ts: ${unknown.join(', ')}`);
  const [{ init }] = await Promise.all([import('./core.ts'), ...types.flatMap((t) => EXTRA[t]?.() ?? [])]);
  return init;
}
