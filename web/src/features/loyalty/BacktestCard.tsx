// Try a ladder before saving it: edit the JSON, replay members' recorded growth and spend over a
// period (POST /api/loyalty/tiers/backtest), and see the distribution at the end beside today's, the
// benefit cost by tier and who would move. Nothing is saved.
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { ErrorNote } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { runBacktest, type Backtest, type Ladder, type Stats } from './api.ts';
import { yearBefore } from './dates.ts';

const SHOWN_MOVERS = 50;

export function BacktestCard({ ladder, stats, asOfDate }: { ladder: Ladder; stats: Stats; asOfDate: string }) {
  const { t } = useI18n();
  const current = JSON.stringify(ladder, null, 2);
  const [text, setText] = useState(current);
  const [period, setPeriod] = useState({ from: yearBefore(asOfDate), to: asOfDate });
  const [state, setState] = useState<{ running: boolean; result: { backtest: Backtest; ladder: Ladder } | null; error: Error | null }>({ running: false, result: null, error: null });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let proposed: Ladder;
    try {
      proposed = JSON.parse(text) as Ladder;
    } catch (err) {
      setState({ running: false, result: null, error: new Error(t('loyalty.badJson', { message: (err as Error).message })) });
      return;
    }
    setState({ running: true, result: null, error: null });
    try {
      setState({ running: false, result: { backtest: await runBacktest(proposed, period.from, period.to), ladder: proposed }, error: null });
    } catch (err) {
      setState({ running: false, result: null, error: err as Error });
    }
  };

  return (
    <section className="card" aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('loyalty.backtest')}</h2>
      <p className="muted">{t('loyalty.backtestHint')}</p>
      <form className="rule-builder" onSubmit={(e) => void submit(e)}>
        <label>{t('loyalty.proposed')}
          <textarea className="mono json-editor" rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} data-testid="backtest-ladder" />
        </label>
        <div className="form-row">
          <label>{t('common.from')}<input type="date" value={period.from} required onChange={(e) => setPeriod({ ...period, from: e.target.value })} /></label>
          <label>{t('common.to')}<input type="date" value={period.to} required onChange={(e) => setPeriod({ ...period, to: e.target.value })} /></label>
          <button type="button" onClick={() => setText(current)} disabled={text === current}>{t('loyalty.reset')}</button>
          <button type="submit" className="primary" disabled={state.running} data-testid="backtest-run">{state.running ? t('loyalty.running') : t('loyalty.run')}</button>
        </div>
      </form>
      {state.error && <BacktestError error={state.error} />}
      {state.result && <BacktestResult result={state.result.backtest} ladder={state.result.ladder} stats={stats} />}
    </section>
  );
}

/** The API names the bad field of the ladder (e.g. /ladder/tiers/1/criteria/growth): list each. */
function BacktestError({ error }: { error: Error }) {
  const fields = error instanceof ApiError ? error.problem.errors ?? [] : [];
  return (
    <div>
      <ErrorNote error={error} />
      {fields.length > 0 && <ul className="error">{fields.map((e) => <li key={e.field}><code>{e.field}</code> {e.message}</li>)}</ul>}
    </div>
  );
}

function BacktestResult({ result, ladder, stats }: { result: Backtest; ladder: Ladder; stats: Stats }) {
  const { t, f } = useI18n();
  const names = new Map([...stats.tiers.map((s) => [s.code, s.name ?? s.code] as const), ...(ladder.tiers ?? []).map((x) => [x.code, x.name] as const)]);
  const name = (code: string | null) => (code === null ? '—' : names.get(code) ?? code);
  const dist = useMemo(() => {
    const codes = [...new Set([...Object.keys(result.distribution), ...stats.tiers.map((s) => s.code)])];
    const now = new Map(stats.tiers.map((s) => [s.code, s.members]));
    const table: Table = {
      columns: [
        { key: 'tier', label: t('loyalty.tier') },
        { key: 'current', label: t('loyalty.current'), numeric: true, format: (v) => f.int(v as number) },
        { key: 'proposed', label: t('loyalty.proposedCol'), numeric: true, format: (v) => f.int(v as number) },
      ],
      rows: codes.map((c) => ({ tier: name(c), current: now.get(c) ?? 0, proposed: result.distribution[c] ?? 0 })),
    };
    const option = {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: table.rows.map((r) => r.tier) }, yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: t('loyalty.current'), data: table.rows.map((r) => r.current) },
        { type: 'bar', name: t('loyalty.proposedCol'), data: table.rows.map((r) => r.proposed) },
      ],
    };
    return { table, option };
  }, [result, stats, t, f]);
  const money = (v: unknown) => f.money(v as number);
  const cost: Table = {
    columns: [
      { key: 'tier', label: t('loyalty.tier') }, { key: 'members', label: t('loyalty.members'), numeric: true, format: (v) => f.int(v as number) },
      { key: 'spend', label: t('loyalty.spendCol'), numeric: true, format: money }, { key: 'discount', label: t('loyalty.tierDiscount'), numeric: true, format: money },
      { key: 'points', label: t('loyalty.pointsCost'), numeric: true, format: money },
    ],
    rows: Object.entries(result.cost).map(([code, c]) => ({ tier: name(code), members: c.members, spend: c.spendMinor, discount: c.discountMinor, points: c.pointsMinor })),
  };
  const by = (d: string) => result.movers.filter((m) => m.direction === d).length;
  return (
    <div data-testid="backtest-result">
      <KpiGrid>
        <Kpi label={t('loyalty.replayed')} value={f.int(result.members)} />
        <Kpi label={t('loyalty.totalCost')} value={f.money(result.totalCostMinor)} />
        <Kpi label={t('loyalty.movers')} value={f.int(result.movers.length)} hint={t('loyalty.moversCount', { up: by('up'), down: by('down'), changed: by('changed') })} />
      </KpiGrid>
      <div className="grid-2">
        <Chart title={t('loyalty.proposedDist')} name="loyalty-backtest" table={dist.table} option={dist.option} />
        <div className="card"><DataTable table={cost} caption={t('loyalty.cost')} /></div>
      </div>
      {result.movers.length > 0 && (
        <div className="card">
          <h3>{t('loyalty.movers')} <span className="muted">· {t('loyalty.showing', { n: Math.min(SHOWN_MOVERS, result.movers.length) })}</span></h3>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('loyalty.customer')}</th><th scope="col">{t('loyalty.fromTier')}</th><th scope="col">{t('loyalty.toTier')}</th><th scope="col">{t('loyalty.direction')}</th></tr></thead>
              <tbody>
                {result.movers.slice(0, SHOWN_MOVERS).map((m) => (
                  <tr key={m.customerId}>
                    <td><Link to={`/customers/${m.customerId}`}>#{m.customerId}</Link></td><td>{name(m.from)}</td><td>{name(m.to)}</td><td>{t(`loyalty.directions.${m.direction}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
