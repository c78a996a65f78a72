// How customers come back: repurchase rate and cycle, the gaps between purchases, retention cohorts
// and the reorder interval of each category.
import { useMemo, useState } from 'react';
import { useReportFilter } from '../../app/filters.ts';
import { cohorts, cycle, repurchase, type CohortReport } from '../../app/reports.ts';
import { useStores } from '../../app/stores.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { PeriodPicker } from '../../ui/PeriodPicker.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { useLoad } from '../../ui/useApi.ts';

const GRAINS = ['month', 'quarter', 'year'] as const;

function CohortHeatmap({ report }: { report: CohortReport }) {
  const { t, f } = useI18n();
  const width = Math.max(0, ...report.cohorts.map((c) => c.rates.length));
  const periods = Array.from({ length: width }, (_, k) => String(k));
  const table: Table = {
    columns: [
      { key: 'cohort', label: t('retention.cohort') },
      { key: 'size', label: t('retention.size'), numeric: true },
      ...periods.map((k) => ({ key: `p${k}`, label: t('retention.period', { k }), numeric: true, format: (v: unknown) => (v === null || v === undefined ? '' : f.pct(v as number)) })),
    ],
    rows: report.cohorts.map((c) => ({ cohort: c.cohort, size: c.size, ...Object.fromEntries(c.rates.map((r, k) => [`p${k}`, r])) })),
  };
  const option = {
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${report.cohorts[p.value[1]]?.cohort} · ${t('retention.period', { k: p.value[0] })}: ${f.pct(p.value[2])}` },
    grid: { left: 80, right: 20, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: periods, splitArea: { show: true } },
    yAxis: { type: 'category', data: report.cohorts.map((c) => c.cohort), inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: 0.5, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#08519c'] } },
    series: [{
      type: 'heatmap',
      data: report.cohorts.flatMap((c, y) => c.rates.slice(1).map((r, i) => [i + 1, y, r])),
      label: { show: report.cohorts.length <= 14 && width <= 14, formatter: (p: { value: [number, number, number] }) => `${Math.round(p.value[2] * 100)}` },
    }],
  };
  return <Chart title={t('retention.cohorts')} name={`cohorts-${report.grain}`} table={table} option={option} height={Math.max(260, report.cohorts.length * 26 + 90)} />;
}

export default function RetentionPage() {
  const { t, f } = useI18n();
  const [filter, setPeriod] = useReportFilter();
  const { stores, storeCode, allowAll } = useStores();
  const [grain, setGrain] = useState<(typeof GRAINS)[number]>('month');
  const key = JSON.stringify(filter);
  const rep = useLoad(() => repurchase(filter), [key]);
  const coh = useLoad(() => cohorts(filter, grain), [key, grain]);
  const cyc = useLoad(() => cycle(filter, 'category', 15), [key]);
  // Per-store repurchase when looking at the whole chain.
  const showStores = allowAll && !storeCode && stores.length > 1;
  const perStore = useLoad(() => (showStores ? Promise.all(stores.map((s) => repurchase({ ...filter, store: s.code }).then((r) => ({ store: s, r })))) : Promise.resolve([])), [key, showStores, stores.length]);

  const histogram = useMemo(() => {
    if (!rep.data) return null;
    const bins = rep.data.cycleHistogram;
    const label = (b: (typeof bins)[number]) => (b.toDays === null ? `${b.fromDays}+` : `${b.fromDays}–${b.toDays}`);
    const table: Table = {
      columns: [{ key: 'bin', label: t('retention.interval') }, { key: 'count', label: t('retention.intervals'), numeric: true }],
      rows: bins.map((b) => ({ bin: label(b), count: b.count })),
    };
    return { table, option: { tooltip: {}, grid: { left: 50, right: 20, bottom: 40 }, xAxis: { type: 'category', data: bins.map(label) }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: bins.map((b) => b.count) }] } };
  }, [rep.data, t]);

  const categories = useMemo(() => {
    if (!cyc.data) return null;
    const items = cyc.data.items;
    const table: Table = {
      columns: [
        { key: 'key', label: t('retention.category') }, { key: 'buyers', label: t('retention.buyers'), numeric: true },
        { key: 'repeatBuyers', label: t('retention.repeatBuyers'), numeric: true },
        { key: 'medianDays', label: t('retention.medianDays'), numeric: true, format: (v) => f.dec(v as number, 1) },
        { key: 'meanDays', label: t('retention.meanDays'), numeric: true, format: (v) => f.dec(v as number, 1) },
      ],
      rows: items.map((i) => ({ key: i.name ?? i.key, buyers: i.buyers, repeatBuyers: i.repeatBuyers, medianDays: i.medianDays, meanDays: i.meanDays })),
    };
    return { table, option: { tooltip: {}, grid: { left: 140, right: 20, bottom: 30 }, xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name ?? i.key) }, series: [{ type: 'bar', data: items.map((i) => i.medianDays) }] } };
  }, [cyc.data, t, f]);

  const storeChart = useMemo(() => {
    if (!perStore.data || perStore.data.length === 0) return null;
    const table: Table = {
      columns: [{ key: 'store', label: t('common.store') }, { key: 'rate', label: t('retention.repurchaseRate'), numeric: true, format: (v) => f.pct(v as number) },
        { key: 'median', label: t('retention.medianCycle'), numeric: true, format: (v) => f.dec(v as number, 1) }],
      rows: perStore.data.map(({ store, r }) => ({ store: store.name, rate: r.repurchaseRate, median: r.medianCycleDays })),
    };
    return { table, option: { tooltip: {}, grid: { left: 50, right: 20, bottom: 40 }, xAxis: { type: 'category', data: perStore.data.map(({ store }) => store.name) }, yAxis: { type: 'value', max: 1 }, series: [{ type: 'bar', data: perStore.data.map(({ r }) => r.repurchaseRate) }] } };
  }, [perStore.data, t, f]);

  const error = rep.error ?? coh.error ?? cyc.error;
  if (error) return <ErrorNote error={error} retry={() => { rep.reload(); coh.reload(); cyc.reload(); }} />;
  if (!rep.data) return <Loading />;
  const r = rep.data;
  return (
    <section aria-labelledby="retention-title">
      <h1 id="retention-title">{t('retention.title')}</h1>
      <PeriodPicker filter={filter} onChange={setPeriod} />
      <KpiGrid>
        <Kpi label={t('retention.repurchaseRate')} value={f.pct(r.repurchaseRate)} hint={t('retention.repurchaseHint')} />
        <Kpi label={t('retention.within', { n: r.withinDays })} value={f.pct(r.withinRate)} />
        <Kpi label={t('retention.perRepeat')} value={f.dec(r.ordersPerRepeatCustomer, 2)} />
        <Kpi label={t('retention.meanCycle')} value={r.meanCycleDays === null ? '—' : t('overview.days', { n: f.dec(r.meanCycleDays, 1) })} />
        <Kpi label={t('retention.medianCycle')} value={r.medianCycleDays === null ? '—' : t('overview.days', { n: f.dec(r.medianCycleDays, 1) })} />
      </KpiGrid>
      <div className="grid-2">
        {histogram && <Chart title={t('retention.histogram')} name="repurchase-intervals" table={histogram.table} option={histogram.option} />}
        {storeChart && <Chart title={t('retention.byStore')} name="repurchase-by-store" table={storeChart.table} option={storeChart.option} />}
      </div>
      <div className="form-row" role="group" aria-label={t('retention.grain')}>
        {GRAINS.map((g) => <button key={g} type="button" aria-pressed={grain === g} onClick={() => setGrain(g)}>{t(`retention.grains.${g}`)}</button>)}
      </div>
      {coh.data ? <CohortHeatmap report={coh.data} /> : <Loading />}
      {categories && <Chart title={t('retention.byCategory')} name="reorder-by-category" table={categories.table} option={categories.option} height={Math.max(260, (cyc.data?.items.length ?? 0) * 24 + 60)} />}
    </section>
  );
}
