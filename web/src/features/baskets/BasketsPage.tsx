// What sells together: association rules (table and network), "buy A get B" offers ranked by the
// margin they add, and fast-moving partners for slow movers.
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { useReportFilter } from '../../app/filters.ts';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { PeriodPicker } from '../../ui/PeriodPicker.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { useLoad } from '../../ui/useApi.ts';

type Level = 'category' | 'sku';
interface Rule { antecedent: string[]; consequent: string[]; support: number; confidence: number; lift: number; count: number }
interface Rules { ruleCount: number; transactions: number; rules: Rule[] }
interface Mover { item: string; baskets: number; velocityPerDay: number }
interface Bundles {
  offers: { buy: string[]; get: string; support: number; confidence: number; lift: number; upliftMarginMinor: number | null }[];
  slowMovers: (Mover & { partners: (Mover & { lift: number })[] })[];
}

export default function BasketsPage() {
  const { t, f } = useI18n();
  const [filter, setPeriod] = useReportFilter();
  const [level, setLevel] = useState<Level>('category');
  const [thresholds, setThresholds] = useState({ minSupport: 0.005, minConfidence: 0.2 });
  const period = { from: filter.from, to: filter.to };
  const key = JSON.stringify([period, level, thresholds]);
  const rules = useLoad(() => api<Rules>('/api/models/rules', { query: { ...period, level, ...thresholds, limit: 200 } }), [key]);
  const bundles = useLoad(() => api<Bundles>('/api/models/bundles', { query: { ...period, level, limit: 15 } }), [JSON.stringify([period, level])]);
  const products = useLoad(() => (level === 'sku' ? api<{ items: { sku: string; name: string | null }[] }>('/api/products', { query: { limit: 500 } }) : Promise.resolve({ items: [] })), [level]);
  const label = useMemo(() => {
    const names = new Map((products.data?.items ?? []).map((p) => [p.sku, p.name ?? p.sku]));
    return (item: string) => names.get(item) ?? item;
  }, [products.data]);

  const view = useMemo(() => {
    if (!rules.data) return null;
    const sorted = [...rules.data.rules].sort((a, b) => b.lift - a.lift);
    const join = (items: string[]) => items.map(label).join(' + ');
    const table: Table = {
      columns: [
        { key: 'a', label: t('baskets.antecedent') }, { key: 'c', label: t('baskets.consequent') },
        { key: 'support', label: t('baskets.support'), numeric: true, format: (v) => f.pct(v as number, 2) },
        { key: 'confidence', label: t('baskets.confidence'), numeric: true, format: (v) => f.pct(v as number, 1) },
        { key: 'lift', label: t('baskets.lift'), numeric: true, format: (v) => f.dec(v as number, 2) },
      ],
      rows: sorted.slice(0, 50).map((r) => ({ a: join(r.antecedent), c: join(r.consequent), support: r.support, confidence: r.confidence, lift: r.lift })),
    };
    // The network draws the pair rules (A ⇒ B): nodes sized by how many rules touch them.
    const pairs = sorted.filter((r) => r.antecedent.length === 1).slice(0, 60);
    const degree = new Map<string, number>();
    for (const r of pairs) for (const i of [r.antecedent[0]!, r.consequent[0]!]) degree.set(i, (degree.get(i) ?? 0) + 1);
    const option = {
      tooltip: {},
      series: [{
        type: 'graph', layout: 'force', roam: true, force: { repulsion: 160, edgeLength: 90 }, label: { show: true, fontSize: 11 },
        edgeSymbol: ['none', 'arrow'],
        data: [...degree].map(([id, d]) => ({ id, name: label(id), symbolSize: 10 + 4 * Math.min(d, 8) })),
        links: pairs.map((r) => ({ source: r.antecedent[0], target: r.consequent[0], value: r.lift, lineStyle: { width: Math.min(6, r.lift), opacity: 0.6 } })),
      }],
    };
    return { table, option };
  }, [rules.data, label, t, f]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setThresholds({ minSupport: Number(form.get('minSupport')), minConfidence: Number(form.get('minConfidence')) });
  };

  const offersTable: Table | null = bundles.data ? {
    columns: [
      { key: 'buy', label: t('baskets.buy') }, { key: 'get', label: t('baskets.get') },
      { key: 'lift', label: t('baskets.lift'), numeric: true, format: (v) => f.dec(v as number, 2) },
      { key: 'confidence', label: t('baskets.confidence'), numeric: true, format: (v) => f.pct(v as number, 1) },
      { key: 'uplift', label: t('baskets.uplift'), numeric: true, format: (v) => f.money(v as number | null) },
    ],
    rows: bundles.data.offers.map((o) => ({ buy: o.buy.map(label).join(' + '), get: label(o.get), lift: o.lift, confidence: o.confidence, uplift: o.upliftMarginMinor })),
  } : null;
  const slowTable: Table | null = bundles.data ? {
    columns: [
      { key: 'item', label: t('baskets.slowItem') }, { key: 'velocity', label: t('baskets.velocity'), numeric: true, format: (v) => f.dec(v as number, 2) },
      { key: 'partners', label: t('baskets.partners') },
    ],
    rows: bundles.data.slowMovers.map((s) => ({ item: label(s.item), velocity: s.velocityPerDay, partners: s.partners.slice(0, 3).map((p) => `${label(p.item)} (${f.dec(p.lift, 1)})`).join('，') })),
  } : null;

  return (
    <section aria-labelledby="baskets-title">
      <h1 id="baskets-title">{t('baskets.title')}</h1>
      <PeriodPicker filter={filter} onChange={setPeriod} />
      <form className="form-row card" onSubmit={submit}>
        <div className="inline-group" role="group" aria-label={t('baskets.level')}>
          <span className="group-label">{t('baskets.level')}</span>
          <div className="buttons">
          {(['category', 'sku'] as const).map((l) => <button key={l} type="button" aria-pressed={level === l} onClick={() => setLevel(l)}>{t(`baskets.levels.${l}`)}</button>)}
        </div>
        </div>
        <label>{t('baskets.minSupport')}<input name="minSupport" type="number" step="0.001" min="0.0001" max="1" defaultValue={thresholds.minSupport} /></label>
        <label>{t('baskets.minConfidence')}<input name="minConfidence" type="number" step="0.05" min="0" max="1" defaultValue={thresholds.minConfidence} /></label>
        <button type="submit">{t('common.apply')}</button>
      </form>
      {rules.error && <ErrorNote error={rules.error} retry={rules.reload} />}
      {rules.loading && <Loading />}
      {rules.data && view && (
        <>
          <p className="muted">{t('baskets.ruleCount', { n: f.int(rules.data.ruleCount), t: f.int(rules.data.transactions) })}</p>
          <div className="grid-2">
            <Chart title={t('baskets.network')} name={`rules-network-${level}`} table={view.table} option={view.option} height={420} />
            <div className="card"><h3>{t('baskets.rules')}</h3><DataTable table={view.table} /></div>
          </div>
        </>
      )}
      {bundles.error && <ErrorNote error={bundles.error} retry={bundles.reload} />}
      {offersTable && <div className="card"><h2>{t('baskets.offers')}</h2><DataTable table={offersTable} /></div>}
      {slowTable && slowTable.rows.length > 0 && <div className="card"><h2>{t('baskets.slowMovers')}</h2><DataTable table={slowTable} /></div>}
    </section>
  );
}
