// Who the customers are: counts per segment for each model as of a date, drill into members with a
// CSV export, movement between two dates, and saved dynamic segments built from conditions.
import { useMemo, useState, type FormEvent } from 'react';
import { api, withQuery } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import { useStores } from '../../app/stores.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import type { Table } from '../../ui/table.ts';
import { useLoad } from '../../ui/useApi.ts';

const SCHEMES = ['rfm', 'retention', 'pyramid', 'abcd', 'lifecycle', 'clusters'] as const;
type Scheme = (typeof SCHEMES)[number];
interface Count { name: string; label: { zh: string; en: string }; count: number; centroid?: Record<string, number> }
interface SchemeReport { asOf: string; customers: number; segments: Count[]; notes?: string[]; silhouette?: number }
interface Members { total: number; items: { id: number; memberNo: string | null; name: string | null; phone: string | null; recencyDays: number; orders: number; netMinor: number }[] }
interface Transitions { segments: string[]; counts: number[][]; moves: { from: string; to: string; count: number }[] }
interface Field { name: string; type: string; ops: string[]; description: string }
interface Saved { id: number; name: string; rule: unknown; count: number }

export default function SegmentsPage() {
  const { t, f, locale } = useI18n();
  const { can } = useSession();
  const { storeCode } = useStores();
  const [scheme, setScheme] = useState<Scheme>('rfm');
  const [asOf, setAsOf] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const scope = { ...(asOf ? { asOf } : {}), ...(storeCode ? { store: storeCode } : {}) };
  const key = JSON.stringify([scheme, scope]);
  const report = useLoad(() => api<SchemeReport>(scheme === 'clusters' ? '/api/segments/clusters' : `/api/segments/schemes/${scheme}`, { query: scope }), [key]);
  const members = useLoad(() => (picked && scheme !== 'clusters'
    ? api<Members>(`/api/segments/schemes/${scheme}/members`, { query: { ...scope, segment: picked, limit: 20 } })
    : Promise.resolve(null)), [key, picked]);
  const label = (c: Count) => (locale === 'en' ? c.label.en : c.label.zh);

  const view = useMemo(() => {
    const r = report.data;
    if (!r) return null;
    const table: Table = {
      columns: [
        { key: 'segment', label: t('segments.segment') },
        { key: 'count', label: t('segments.count'), numeric: true, format: (v) => f.int(v as number) },
        { key: 'share', label: t('segments.share'), numeric: true, format: (v) => f.pct(v as number) },
        ...(scheme === 'clusters' ? [{ key: 'centroid', label: t('segments.centroid') }] : []),
      ],
      rows: r.segments.map((c) => ({
        segment: label(c), count: c.count, share: r.customers ? c.count / r.customers : null,
        ...(c.centroid ? { centroid: Object.entries(c.centroid).map(([k, v]) => `${k} ${f.dec(v, 1)}`).join(' · ') } : {}),
      })),
    };
    const data = r.segments.map((c) => ({ name: label(c), value: c.count }));
    const option = scheme === 'pyramid'
      ? { tooltip: {}, series: [{ type: 'funnel', sort: 'ascending', left: '10%', width: '80%', label: { formatter: '{b}: {c}' }, data }] }
      : { tooltip: {}, grid: { left: 150, right: 30, top: 10, bottom: 30 }, xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name) }, series: [{ type: 'bar', data: data.map((d) => d.value) }] };
    return { table, option };
  }, [report.data, scheme, locale, t, f]);

  return (
    <section aria-labelledby="segments-title">
      <h1 id="segments-title">{t('segments.title')}</h1>
      <div className="form-row card">
        <div className="inline-group" role="group" aria-label={t('segments.scheme')}>
          <span className="group-label">{t('segments.scheme')}</span>
          <div className="buttons">
          {SCHEMES.map((s) => <button key={s} type="button" aria-pressed={scheme === s} onClick={() => { setScheme(s); setPicked(null); }}>{t(`segments.schemes.${s}`)}</button>)}
        </div>
        </div>
        <label>{t('segments.asOf')}<input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
      </div>
      {report.error && <ErrorNote error={report.error} retry={report.reload} />}
      {report.loading && <Loading />}
      {report.data && view && (
        <>
          <p className="muted">
            {t('segments.asOf')} {report.data.asOf} · {t('segments.customers', { n: f.int(report.data.customers) })}
            {report.data.silhouette !== undefined && ` · ${t('segments.silhouette', { s: f.dec(report.data.silhouette, 2) })}`}
          </p>
          {report.data.notes?.map((n) => <p key={n} className="muted">{n}</p>)}
          <div className="grid-2">
            <Chart title={t(`segments.schemes.${scheme}`)} name={`segments-${scheme}`} table={view.table} option={view.option} height={Math.max(300, report.data.segments.length * 30 + 40)} />
            <div className="card">
              <h3>{t('segments.members')}</h3>
              {scheme !== 'clusters' && (
                <div className="chips">
                  {report.data.segments.map((c) => (
                    <button key={c.name} type="button" aria-pressed={picked === c.name} onClick={() => setPicked(c.name)}>{label(c)} ({f.int(c.count)})</button>
                  ))}
                </div>
              )}
              {picked && members.data && (
                <>
                  <p><a href={withQuery(`/api/segments/schemes/${scheme}/members.csv`, { ...scope, segment: picked })} download>{t('segments.export')}</a> · {f.int(members.data.total)}</p>
                  <DataTable table={{
                    columns: [
                      { key: 'memberNo', label: t('customers.memberNo') }, { key: 'name', label: t('customers.name') }, { key: 'phone', label: t('customers.phone') },
                      { key: 'recency', label: t('segments.recency'), numeric: true }, { key: 'orders', label: t('segments.orders'), numeric: true },
                      { key: 'net', label: t('segments.net'), numeric: true, format: (v) => f.money(v as number) },
                    ],
                    rows: members.data.items.map((m) => ({ memberNo: m.memberNo, name: m.name, phone: m.phone, recency: m.recencyDays, orders: m.orders, net: m.netMinor })),
                  }} />
                </>
              )}
            </div>
          </div>
          {scheme !== 'clusters' && <TransitionsCard scheme={scheme} store={storeCode} />}
        </>
      )}
      <SavedSegments canWrite={can('segments:write')} scope={scope} />
    </section>
  );
}

function TransitionsCard({ scheme, store }: { scheme: Scheme; store: string | null }) {
  const { t, f } = useI18n();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const tr = useLoad(() => (range ? api<Transitions>('/api/segments/transitions', { query: { scheme, ...range, ...(store ? { store } : {}) } }) : Promise.resolve(null)), [scheme, store, JSON.stringify(range)]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setRange({ from: form.get('from') as string, to: form.get('to') as string });
  };
  const view = useMemo(() => {
    if (!tr.data) return null;
    const { segments, counts, moves } = tr.data;
    const table: Table = {
      columns: [{ key: 'from', label: t('segments.from') }, { key: 'to', label: t('segments.to') }, { key: 'count', label: t('segments.moved'), numeric: true, format: (v) => f.int(v as number) }],
      rows: moves.map((m) => ({ from: m.from, to: m.to, count: m.count })),
    };
    const max = Math.max(1, ...counts.flat());
    const option = {
      tooltip: {}, grid: { left: 130, right: 20, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: segments, name: t('segments.to'), axisLabel: { rotate: 40 } }, yAxis: { type: 'category', data: segments, inverse: true, name: t('segments.from') },
      visualMap: { min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#08519c'] } },
      series: [{ type: 'heatmap', data: counts.flatMap((row, i) => row.map((c, j) => [j, i, c])), label: { show: segments.length <= 12 } }],
    };
    return { table, option };
  }, [tr.data, t, f]);
  return (
    <div className="card">
      <h2>{t('segments.transitions')}</h2>
      <form className="form-row" onSubmit={submit}>
        <label>{t('segments.from')}<input name="from" type="date" required /></label>
        <label>{t('segments.to')}<input name="to" type="date" required /></label>
        <button type="submit">{t('common.apply')}</button>
      </form>
      {tr.error && <ErrorNote error={tr.error} />}
      {view && <Chart title={t('segments.transitions')} name={`transitions-${scheme}`} table={view.table} option={view.option} height={420} />}
    </div>
  );
}

function SavedSegments({ canWrite, scope }: { canWrite: boolean; scope: Record<string, string> }) {
  const { t, f } = useI18n();
  const saved = useLoad(() => api<{ items: Saved[] }>('/api/segments/saved', { query: scope }), [JSON.stringify(scope)]);
  const fields = useLoad(() => api<{ items: Field[] }>('/api/segments/fields'), []);
  const [conditions, setConditions] = useState<{ field: string; op: string; value: string }[]>([{ field: '', op: '', value: '' }]);
  const [match, setMatch] = useState<'all' | 'any'>('all');
  const [error, setError] = useState<Error | null>(null);
  const typed = (field: string, value: string): unknown => {
    const type = fields.data?.items.find((x) => x.name === field)?.type;
    if (type === 'number') return Number(value);
    if (type === 'boolean') return value === 'true';
    return value;
  };
  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = new FormData(e.currentTarget).get('name') as string;
    setError(null);
    try {
      await api('/api/segments/saved', { method: 'POST', json: { name, rule: { [match]: conditions.filter((c) => c.field && c.op).map((c) => ({ field: c.field, op: c.op, value: typed(c.field, c.value) })) } } });
      saved.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const remove = async (id: number) => { await api(`/api/segments/saved/${id}`, { method: 'DELETE' }); saved.reload(); };
  return (
    <div className="card">
      <h2>{t('segments.saved')}</h2>
      {saved.data && saved.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('segments.name')}</th><th scope="col">{t('segments.rule')}</th><th scope="col" className="num">{t('segments.count')}</th><th scope="col" /></tr></thead>
            <tbody>
              {saved.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td><td className="mono">{JSON.stringify(s.rule)}</td><td className="num">{f.int(s.count)}</td>
                  <td>
                    <a href={withQuery(`/api/segments/saved/${s.id}/members.csv`, scope)} download>{t('segments.export')}</a>
                    {canWrite && <> · <button type="button" onClick={() => void remove(s.id)}>{t('segments.delete')}</button></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && fields.data && (
        <form onSubmit={(e) => void save(e)} className="rule-builder">
          <label>{t('segments.name')}<input name="name" required maxLength={100} /></label>
          <label className="inline">{t('segments.match')}
            <select value={match} onChange={(e) => setMatch(e.target.value as 'all' | 'any')}>
              <option value="all">{t('segments.all')}</option><option value="any">{t('segments.any')}</option>
            </select>
          </label>
          {conditions.map((c, i) => {
            const field = fields.data!.items.find((x) => x.name === c.field);
            const set = (patch: Partial<typeof c>) => setConditions(conditions.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <div key={i} className="form-row">
                <label>{t('segments.field')}
                  <select value={c.field} onChange={(e) => set({ field: e.target.value, op: '' })}>
                    <option value="" />
                    {fields.data!.items.map((x) => <option key={x.name} value={x.name} title={x.description}>{x.name}</option>)}
                  </select>
                </label>
                <label>{t('segments.op')}
                  <select value={c.op} onChange={(e) => set({ op: e.target.value })}>
                    <option value="" />
                    {(field?.ops ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </label>
                <label>{t('segments.value')}<input value={c.value} onChange={(e) => set({ value: e.target.value })} /></label>
              </div>
            );
          })}
          <div className="form-row">
            <button type="button" onClick={() => setConditions([...conditions, { field: '', op: '', value: '' }])}>{t('segments.addCondition')}</button>
            <button type="submit" className="primary">{t('segments.save')}</button>
          </div>
          {error && <ErrorNote error={error} />}
        </form>
      )}
    </div>
  );
}
