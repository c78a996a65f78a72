// Page 6, the loyalty programme at a glance: the ladder and how members spread over it, the earning
// rules, coupon templates with issue and redemption figures, the points liability, and a backtest of
// a proposed ladder. Owners, managers and analysts (reports:read) see it; see nav.ts for why not clerks.
import { useI18n } from '../../i18n/index.ts';
import { Kpi, KpiGrid } from '../../ui/Kpi.tsx';
import { ErrorNote, Loading } from '../../ui/Status.tsx';
import { useLoad } from '../../ui/useApi.ts';
import { loadSettings, loadStats } from './api.ts';
import { BacktestCard } from './BacktestCard.tsx';
import { CouponsCard } from './CouponsCard.tsx';
import { EarnRulesCard } from './EarnRulesCard.tsx';
import { LiabilityCard } from './LiabilityCard.tsx';
import { TiersCard } from './TiersCard.tsx';

export default function LoyaltyPage() {
  const { t, f } = useI18n();
  const data = useLoad(() => Promise.all([loadSettings(), loadStats()]), []);
  if (data.error) return <ErrorNote error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading />;
  const [settings, stats] = data.data;
  // Default ranges end at the server's clock (stats.asOf), so a demo chain dated in the past still shows its months.
  const asOfDate = stats.asOf.slice(0, 10);
  const coupons = stats.promotions.filter((p) => p.coupons !== null);
  const issued = coupons.reduce((a, p) => a + p.coupons!.issued, 0);
  const used = coupons.reduce((a, p) => a + p.coupons!.used, 0);
  return (
    <section aria-labelledby="loyalty-title">
      <h1 id="loyalty-title">{t('loyalty.title')}</h1>
      <KpiGrid>
        <Kpi label={t('loyalty.enrolled')} value={f.int(stats.enrolled)} hint={t('loyalty.enrolledHint', { n: f.int(stats.customers) })} />
        <Kpi label={t('loyalty.couponsIssued')} value={f.int(issued)} hint={t('loyalty.couponsUsed', { n: f.int(used) })} />
      </KpiGrid>
      <TiersCard ladder={settings.ladder} version={settings.versions.tiers} stats={stats} />
      <div className="grid-2">
        <EarnRulesCard settings={settings} />
        <CouponsCard stats={stats} />
      </div>
      <LiabilityCard asOfMonth={asOfDate.slice(0, 7)} />
      <BacktestCard ladder={settings.ladder} stats={stats} asOfDate={asOfDate} />
    </section>
  );
}
