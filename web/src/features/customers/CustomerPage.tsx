// The 360 view: who the customer is, what they bought and how they come back.
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.ts';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import { useLoad } from '../../ui/useApi.ts';
import type { CustomerBrief } from './CustomersPage.tsx';

interface Customer360 {
  profile: CustomerBrief & { birthDate: string | null; registeredAt: string | null; guideCode: string | null; consents: { channel: string; granted: boolean }[] };
  summary: {
    firstPurchaseDate: string | null; lastPurchaseDate: string | null; orders: number; purchaseDays: number; items: number;
    netMinor: number; marginMinor: number; costedSalesMinor: number; categories: number; returnMinor: number;
  };
  orders: { id: number; externalId: string; storeCode: string; businessDate: string; channel: string; netMinor: number; items: number;
    lines: { lineNo: number; name: string | null; sku: string | null; quantity: number; netMinor: number }[] }[];
  returns: { id: number; externalId: string; businessDate: string; amountMinor: number; items: number; reason: string | null }[];
  predictions: Predictions | null;
}

interface Predictions {
  horizonDays: number; message: string | null; notes?: { code: string; params: Record<string, string>; text: string }[]; fit: { method: string; calibrationEnd: string } | null;
  model: { pAlive: number | null; churnRisk: number | null; expectedOrders: number; expectedSpendMinor: number | null; clv: { valueMinor: number; months: number } | null } | null;
  churnRule: { usualCycleDays: number | null; silentDays: number; k: number; flagged: boolean } | null;
  nextPurchase: { modelDate: string | null; cycleDate: string | null } | null;
  replenishment: { category: string; dueDate: string; daysOverdue: number; intervalDays: number }[];
  recommendations: { sku: string; name: string | null; basis: string }[];
}

function PredictionsCard({ p }: { p: Predictions }) {
  const { t, f } = useI18n();
  const m = p.model;
  return (
    <div className="card" data-testid="predictions">
      <h2>{t('customers.predictions')}</h2>
      {/* Notes come as codes with params; the English text is the fallback for a code this build does not know. */}
      {(p.notes ?? []).map((n) => <p key={n.code} className="muted" data-testid="prediction-note">{t(`customers.notes.${n.code}`, { ...n.params, defaultValue: n.text })}</p>)}
      {m && (
        <KpiGrid>
          <Kpi label={t('customers.churnRisk')} value={f.pct(m.churnRisk)} hint={`${t('customers.pAlive')} ${f.pct(m.pAlive)}`} />
          <Kpi label={t('customers.nextPurchase')} value={p.nextPurchase?.modelDate ?? p.nextPurchase?.cycleDate ?? '—'} />
          <Kpi label={t('customers.orders90', { n: p.horizonDays })} value={f.dec(m.expectedOrders, 2)} hint={`${t('customers.spend90', { n: p.horizonDays })} ${f.money(m.expectedSpendMinor)}`} />
          <Kpi label={t('customers.clv')} value={f.money(m.clv?.valueMinor ?? null)} />
        </KpiGrid>
      )}
      {p.churnRule && p.churnRule.usualCycleDays !== null && (
        <p>
          {t('customers.churnRule')}: {t('customers.churnRuleText', { silent: p.churnRule.silentDays, cycle: f.dec(p.churnRule.usualCycleDays, 0), k: p.churnRule.k })}
          {p.churnRule.flagged && <strong className="flag"> · {t('customers.flagged')}</strong>}
        </p>
      )}
      <div className="grid-2">
        {p.replenishment.length > 0 && (
          <div>
            <h3>{t('customers.replenishment')}</h3>
            <ul>{p.replenishment.slice(0, 6).map((r) => (
              <li key={r.category}>{r.category} · {t('customers.dueDate')} {r.dueDate}{r.daysOverdue > 0 ? ` · ${t('customers.overdue', { n: r.daysOverdue })}` : ''}</li>
            ))}</ul>
          </div>
        )}
        {p.recommendations.length > 0 && (
          <div>
            <h3>{t('customers.recommended')}</h3>
            <ol>{p.recommendations.map((r) => <li key={r.sku}>{r.name ?? r.sku}</li>)}</ol>
          </div>
        )}
      </div>
    </div>
  );
}

export default function CustomerPage() {
  const { id } = useParams();
  const { t, f } = useI18n();
  const c = useLoad(() => api<Customer360>(`/api/customers/${id}`), [id]);
  if (c.error) return <ErrorNote error={c.error} retry={c.reload} />;
  if (!c.data) return <Loading />;
  const { profile: p, summary: s, orders, returns, predictions } = c.data;
  return (
    <section aria-labelledby="customer-title">
      <p><Link to="/customers">← {t('common.back')}</Link></p>
      <h1 id="customer-title">{p.name ?? p.memberNo ?? `#${p.id}`}</h1>
      <div className="grid-2">
        <div className="card">
          <h2>{t('customers.profile')}</h2>
          <dl className="facts">
            <dt>{t('customers.memberNo')}</dt><dd>{p.memberNo ?? '—'}</dd>
            <dt>{t('customers.phone')}</dt><dd className="mono" data-testid="profile-phone">{p.phone ?? '—'}</dd>
            <dt>{t('customers.city')}</dt><dd>{p.city ?? '—'}</dd>
            <dt>{t('customers.homeStore')}</dt><dd>{p.homeStoreCode ?? '—'}</dd>
            <dt>{t('customers.birthDate')}</dt><dd>{p.birthDate ?? '—'}</dd>
            <dt>{t('customers.guide')}</dt><dd>{p.guideCode ?? '—'}</dd>
            <dt>{t('customers.consents')}</dt><dd>{p.consents.filter((x) => x.granted).map((x) => x.channel).join(', ') || '—'}</dd>
          </dl>
        </div>
        <div className="card">
          <h2>{t('customers.summary')}</h2>
          <KpiGrid>
            <Kpi label={t('customers.netSpend')} value={f.money(s.netMinor)} />
            <Kpi label={t('customers.orders')} value={f.int(s.orders)} hint={`${t('customers.purchaseDays')} ${f.int(s.purchaseDays)}`} />
            <Kpi label={t('customers.lastPurchase')} value={s.lastPurchaseDate ?? '—'} hint={`${t('customers.firstPurchase')} ${s.firstPurchaseDate ?? '—'}`} />
            <Kpi label={t('customers.categories')} value={f.int(s.categories)} />
          </KpiGrid>
        </div>
      </div>
      {predictions && <PredictionsCard p={predictions} />}
      <div className="card">
        <h2>{t('customers.timeline')}</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('customers.date')}</th><th scope="col">{t('customers.storeCode')}</th><th scope="col">{t('customers.channel')}</th>
              <th scope="col">{t('customers.lines')}</th><th scope="col" className="num">{t('customers.amount')}</th></tr></thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td className="nowrap">{o.businessDate}</td><td className="nowrap">{o.storeCode}</td><td>{o.channel}</td>
                  <td>{o.lines.map((l) => `${l.name ?? l.sku ?? '?'} ×${l.quantity}`).join('，')}</td>
                  <td className="num">{f.money(o.netMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {returns.length > 0 && (
        <div className="card">
          <h2>{t('customers.returns')}</h2>
          <ul>{returns.map((r) => <li key={r.id}>{r.businessDate} · {f.money(r.amountMinor)} · {r.reason ?? '—'}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
