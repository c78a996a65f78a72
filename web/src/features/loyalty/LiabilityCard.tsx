// Points liability: what is outstanding, what it is worth, the breakage expected, and the month-end
// roll-forward (opening + movements = closing) over a chosen range of months.
import { useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { useLoad } from '../../ui/useApi.ts';
import { loadLiability, type MonthRoll } from './api.ts';
import { addMonths } from './dates.ts';

/** Movement columns of the table, each with its label key. */
const MOVES = [['earned', 'earned'], ['rewarded', 'rewarded'], ['adjusted', 'adjusted'], ['redeemed', 'redeemed'], ['donated', 'donated'],
  ['expired', 'expiredPoints'], ['clawedBack', 'clawedBack']] as const;

export function LiabilityCard({ asOfMonth }: { asOfMonth: string }) {
  const { t, f } = useI18n();
  const [range, setRange] = useState({ from: addMonths(asOfMonth, -11), to: asOfMonth });
  const report = useLoad(() => loadLiability(range.from, range.to), [range.from, range.to]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setRange({ from: form.get('from') as string, to: form.get('to') as string });
  };
  const view = useMemo(() => {
    const months = report.data?.months ?? [];
    const pts = (v: unknown) => f.int(v as number);
    const table: Table = {
      columns: [
        { key: 'month', label: t('loyalty.month') },
        { key: 'opening', label: t('loyalty.opening'), numeric: true, format: pts },
        ...MOVES.map(([key, label]) => ({ key, label: t(`loyalty.${label}`), numeric: true, format: pts })),
        { key: 'closing', label: t('loyalty.closing'), numeric: true, format: pts },
        { key: 'closingValue', label: t('loyalty.closingValue'), numeric: true, format: (v: unknown) => f.money(v as number) },
      ],
      // Restored and transferred points are folded into "adjusted" so the columns still add up to closing.
      rows: months.map((m: MonthRoll) => ({
        month: m.month, opening: m.opening, earned: m.earned, rewarded: m.rewarded, adjusted: m.adjusted + m.restored + m.transferred + m.unexplained,
        redeemed: m.redeemed, donated: m.donated, expired: m.expired, clawedBack: m.clawedBack, closing: m.closing, closingValue: m.closingValueMinor,
      })),
    };
    const option = {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => m.month) }, yAxis: { type: 'value' },
      series: [
        { type: 'bar', stack: 'in', name: t('loyalty.earned'), data: months.map((m) => m.earned + m.rewarded) },
        // Outflows are drawn below the axis: the ledger stores them negative.
        { type: 'bar', stack: 'out', name: t('loyalty.redeemed'), data: months.map((m) => m.redeemed + m.donated) },
        { type: 'bar', stack: 'out', name: t('loyalty.expiredPoints'), data: months.map((m) => m.expired) },
        { type: 'line', name: t('loyalty.closing'), data: months.map((m) => m.closing) },
      ],
    };
    return { table, option };
  }, [report.data, t, f]);
  const r = report.data;
  return (
    <section className="card" aria-labelledby="liability-title">
      <h2 id="liability-title">{t('loyalty.liabilityTitle')}</h2>
      <form className="form-row" onSubmit={submit}>
        <label>{t('loyalty.fromMonth')}<input name="from" type="month" defaultValue={range.from} required /></label>
        <label>{t('loyalty.toMonth')}<input name="to" type="month" defaultValue={range.to} required /></label>
        <button type="submit">{t('common.apply')}</button>
      </form>
      {report.error && <ErrorNote error={report.error} retry={report.reload} />}
      {report.loading && !r && <Loading />}
      {r && (
        <>
          <KpiGrid>
            <Kpi label={t('loyalty.outstanding')} value={f.int(r.outstandingPoints)} />
            <Kpi label={t('loyalty.outstandingValue')} value={f.money(r.outstandingValueMinor)} />
            <Kpi label={t('loyalty.breakage')} value={f.pct(r.breakageBp / 10000)} hint={t(`loyalty.breakageSources.${r.breakageSource}`)} />
            <Kpi label={t('loyalty.liability')} value={f.money(r.liabilityMinor)} />
          </KpiGrid>
          <Chart title={t('loyalty.rollForward')} name="loyalty-liability" table={view.table} option={view.option} />
        </>
      )}
    </section>
  );
}
