import { api } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.ts';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import { useLoad } from '../../ui/useApi.ts';

interface Stats {
  stores: number; customers: number; customersWithPurchases: number; products: number; orders: number; anonymousOrders: number;
  orderLines: number; returns: number; salesMinor: number; returnMinor: number; firstBusinessDate: string | null; lastBusinessDate: string | null;
}

export default function OverviewPage() {
  const { t, f } = useI18n();
  const stats = useLoad(() => api<Stats>('/api/stats'), []);
  if (stats.error) return <ErrorNote error={stats.error} retry={stats.reload} />;
  if (!stats.data) return <Loading />;
  const s = stats.data;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <p className="muted">{t('overview.period')}: {s.firstBusinessDate ?? '—'} … {s.lastBusinessDate ?? '—'}</p>
      <KpiGrid>
        <Kpi label={t('overview.members')} value={f.int(s.customers)} hint={`${t('overview.withPurchases')} ${f.int(s.customersWithPurchases)}`} />
        <Kpi label={t('overview.orders')} value={f.int(s.orders)} hint={`${t('overview.anonymous')} ${f.int(s.anonymousOrders)}`} />
        <Kpi label={t('overview.sales')} value={f.money(s.salesMinor)} hint={`${t('overview.refunds')} ${f.money(s.returnMinor)}`} />
        <Kpi label={t('overview.aov')} value={f.money(s.orders > 0 ? Math.round(s.salesMinor / s.orders) : null)} />
        <Kpi label={t('overview.stores')} value={f.int(s.stores)} hint={`${t('overview.products')} ${f.int(s.products)}`} />
      </KpiGrid>
    </section>
  );
}
