// The owner's first screen: members, activity, new vs returning, repurchase, sales — for a period and
// store — with monthly trends.
import { useMemo } from 'react';
import { useReportFilter } from '../../app/filters.ts';
import { overview, repurchase } from '../../app/reports.ts';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { PeriodPicker } from '../../ui/PeriodPicker.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { useLoad } from '../../ui/useApi.ts';

export default function OverviewPage() {
  const { t, f } = useI18n();
  const [filter, setPeriod] = useReportFilter();
  const key = JSON.stringify(filter);
  const data = useLoad(() => Promise.all([overview(filter), repurchase(filter)]), [key]);

  const charts = useMemo(() => {
    if (!data.data) return null;
    const months = data.data[0].byMonth;
    const sales: Table = {
      columns: [
        { key: 'month', label: t('overview.month') },
        { key: 'sales', label: t('overview.sales'), numeric: true, format: (v) => f.money(v as number) },
        { key: 'aov', label: t('overview.aov'), numeric: true, format: (v) => f.money(v as number) },
      ],
      rows: months.map((m) => ({ month: m.key, sales: m.salesMinor, aov: m.avgOrderValueMinor })),
    };
    const customers: Table = {
      columns: [
        { key: 'month', label: t('overview.month') },
        { key: 'new', label: t('overview.newCustomers'), numeric: true },
        { key: 'returning', label: t('overview.returningCustomers'), numeric: true },
      ],
      rows: months.map((m) => ({ month: m.key, new: m.newCustomers, returning: m.returningCustomers })),
    };
    const yuan = (minor: number | null) => (minor === null ? null : minor / 100);
    return {
      sales, customers,
      salesOption: {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 50, bottom: 30 },
        xAxis: { type: 'category', data: months.map((m) => m.key) },
        yAxis: [{ type: 'value', name: '¥' }, { type: 'value', name: t('overview.aov') }],
        series: [
          { type: 'bar', name: t('overview.sales'), data: months.map((m) => yuan(m.salesMinor)) },
          { type: 'line', name: t('overview.aov'), yAxisIndex: 1, data: months.map((m) => yuan(m.avgOrderValueMinor)) },
        ],
      },
      customersOption: {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: months.map((m) => m.key) }, yAxis: { type: 'value' },
        series: [
          { type: 'bar', stack: 'c', name: t('overview.newCustomers'), data: months.map((m) => m.newCustomers) },
          { type: 'bar', stack: 'c', name: t('overview.returningCustomers'), data: months.map((m) => m.returningCustomers) },
        ],
      },
    };
  }, [data.data, t, f]);

  if (data.error) return <ErrorNote error={data.error} retry={data.reload} />;
  if (!data.data || !charts) return <Loading />;
  const [o, r] = data.data;
  const tot = o.total;
  const storeTable: Table = {
    columns: [
      { key: 'key', label: t('common.store') },
      { key: 'customers', label: t('overview.customers'), numeric: true, format: (v) => f.int(v as number) },
      { key: 'orders', label: t('overview.orders'), numeric: true, format: (v) => f.int(v as number) },
      { key: 'sales', label: t('overview.sales'), numeric: true, format: (v) => f.money(v as number) },
      { key: 'aov', label: t('overview.aov'), numeric: true, format: (v) => f.money(v as number) },
      { key: 'cross', label: t('overview.crossSell'), numeric: true, format: (v) => f.pct(v as number) },
    ],
    rows: o.byStore.map((s) => ({ key: s.key, customers: s.customers, orders: s.orders, sales: s.salesMinor, aov: s.avgOrderValueMinor, cross: s.crossSellRate })),
  };
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <p className="muted">{t('overview.period')}: {o.from ?? '—'} … {o.to ?? '—'}</p>
      <PeriodPicker filter={filter} onChange={setPeriod} />
      <KpiGrid>
        <Kpi label={t('overview.members')} value={f.int(tot.members)} />
        <Kpi label={t('overview.activeShare')} value={f.pct(tot.activeShare)} hint={t('overview.activeHint', { n: o.activeDays })} />
        <Kpi label={t('overview.dormantShare')} value={f.pct(tot.dormantShare)} hint={t('overview.dormantHint', { n: o.dormantDays })} />
        <Kpi label={t('overview.newVsReturning')} value={`${f.int(tot.newCustomers)} / ${f.int(tot.returningCustomers)}`} />
        <Kpi label={t('overview.repurchaseRate')} value={f.pct(r.repurchaseRate)} />
        <Kpi label={t('overview.avgCycle')} value={r.meanCycleDays === null ? '—' : t('overview.days', { n: f.dec(r.meanCycleDays, 1) })} />
        <Kpi label={t('overview.orders')} value={f.int(tot.orders)} />
        <Kpi label={t('overview.sales')} value={f.money(tot.salesMinor)} />
        <Kpi label={t('overview.aov')} value={f.money(tot.avgOrderValueMinor)} hint={`${t('overview.itemsPerOrder')} ${f.dec(tot.itemsPerOrder, 2)}`} />
      </KpiGrid>
      <div className="grid-2">
        <Chart title={t('overview.salesTrend')} name="sales-by-month" table={charts.sales} option={charts.salesOption} />
        <Chart title={t('overview.customersTrend')} name="customers-by-month" table={charts.customers} option={charts.customersOption} />
      </div>
      {o.byStore.length > 1 && <div className="card"><DataTable table={storeTable} caption={t('overview.byStore')} /></div>}
    </section>
  );
}
