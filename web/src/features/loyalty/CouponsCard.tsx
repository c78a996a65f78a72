// Coupon templates with what was issued and what came back redeemed, expired or void; the other
// promotions with their counted uses (only promotions with limits are counted by the checkout).
import { useMemo } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import type { Table } from '../../ui/table.ts';
import type { Stats } from './api.ts';

export function CouponsCard({ stats }: { stats: Stats }) {
  const { t, f } = useI18n();
  const templates = stats.promotions.filter((p) => p.coupons !== null);
  const others = stats.promotions.filter((p) => p.coupons === null);
  const count = (v: unknown) => f.int(v as number);
  const counted = (v: unknown, money = false) => (v === null ? '—' : money ? f.money(v as number) : f.int(v as number));
  const view = useMemo(() => {
    const keys = ['issued', 'used', 'active', 'expired', 'void'] as const;
    const table: Table = {
      columns: [
        { key: 'template', label: t('loyalty.template') },
        ...keys.map((k) => ({ key: k, label: t(`loyalty.${k}`), numeric: true, format: count })),
        { key: 'rate', label: t('loyalty.redeemRate'), numeric: true, format: (v: unknown) => f.pct(v as number | null) },
        { key: 'uses', label: t('loyalty.uses'), numeric: true, format: (v: unknown) => counted(v) },
        { key: 'discount', label: t('loyalty.discountGiven'), numeric: true, format: (v: unknown) => counted(v, true) },
      ],
      rows: templates.map((p) => ({
        template: `${p.name} (${p.id})`, ...Object.fromEntries(keys.map((k) => [k, p.coupons![k]])), rate: p.redeemRate, uses: p.uses, discount: p.discountMinor,
      })),
    };
    const option = {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: templates.map((p) => p.name), axisLabel: { interval: 0, rotate: templates.length > 4 ? 30 : 0 } }, yAxis: { type: 'value' },
      series: keys.slice(0, 4).map((k) => ({ type: 'bar', name: t(`loyalty.${k}`), data: templates.map((p) => p.coupons![k]) })),
    };
    return { table, option };
  }, [stats, t, f]);
  const promotions: Table = {
    columns: [
      { key: 'name', label: t('loyalty.promotionsTable') }, { key: 'kind', label: t('loyalty.kind') },
      { key: 'uses', label: t('loyalty.uses'), numeric: true, format: (v) => counted(v) },
      { key: 'discount', label: t('loyalty.discountGiven'), numeric: true, format: (v) => counted(v, true) },
    ],
    rows: others.map((p) => ({ name: `${p.name} (${p.id})`, kind: p.kind, uses: p.uses, discount: p.discountMinor })),
  };
  return (
    <section aria-labelledby="coupons-title">
      <h2 id="coupons-title">{t('loyalty.coupons')}</h2>
      {templates.length === 0
        ? <p className="muted">{t('loyalty.noCoupons')}</p>
        : <Chart title={t('loyalty.couponChart')} name="loyalty-coupons" table={view.table} option={view.option} />}
      {others.length > 0 && <div className="card"><DataTable table={promotions} /><p className="muted">{t('loyalty.notCounted')}</p></div>}
    </section>
  );
}
