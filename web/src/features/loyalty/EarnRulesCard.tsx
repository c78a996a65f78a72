// The earning rules and points policy in force, in words: base rate, special rates, multipliers, caps,
// what points are worth and when they expire.
import { useI18n } from '../../i18n/index.ts';
import type { Settings } from './api.ts';

export function EarnRulesCard({ settings }: { settings: Settings }) {
  const { t, f } = useI18n();
  const { earn, policy, versions } = settings;
  const x = (bp: number) => f.dec(bp / 10000, 1);
  const scope = (s: Settings['earn']['rates'][number]['scope']) => s.sku ?? s.category ?? s.store ?? '—';
  const expiry = policy.expiry;
  const expiryText = t(`loyalty.expiryKinds.${expiry.kind}`, { n: expiry.days ?? expiry.yearsAfter ?? expiry.monthsAfter ?? 0 });
  const cap = (n: number | null) => (n === null ? t('loyalty.noCap') : f.int(n));
  return (
    <div className="card">
      <h2>{t('loyalty.earn')} <span className="muted">· {versions.earn > 0 ? t('loyalty.version', { n: versions.earn }) : t('loyalty.defaults')}</span></h2>
      <dl className="facts">
        <dt>{t('loyalty.base')}</dt><dd>{t('loyalty.baseText', { points: f.dec(earn.basePointsPerUnit, 0), amount: f.money(earn.unitMinor) })}</dd>
        {earn.rates.length > 0 && <><dt>{t('loyalty.rates')}</dt><dd>{earn.rates.map((r) => t('loyalty.rateText', { scope: scope(r.scope), points: f.dec(r.pointsPerUnit, 1) })).join('；')}</dd></>}
        {earn.birthday && <><dt>{t('loyalty.birthday')}</dt><dd>{t('loyalty.birthdayText', { x: x(earn.birthday.multiplierBp), window: t(`loyalty.windows.${earn.birthday.window}`) })}</dd></>}
        {earn.memberDays.length > 0 && <><dt>{t('loyalty.memberDays')}</dt><dd>{earn.memberDays.map((d) => `${[...(d.weekdays ?? []), ...(d.monthDays ?? [])].join(',')} ×${x(d.multiplierBp)}`).join('；')}</dd></>}
        {earn.campaigns.length > 0 && <><dt>{t('loyalty.campaigns')}</dt><dd>{earn.campaigns.map((c) => `${c.id} ${c.from}…${c.to} ×${x(c.multiplierBp)}`).join('；')}</dd></>}
        <dt>{t('loyalty.caps')}</dt><dd>{t('loyalty.capText', { order: cap(earn.capPerOrder), day: cap(earn.capPerDay) })}</dd>
        <dt>{t('loyalty.payment')}</dt><dd>{t('loyalty.paymentText', { points: f.int(policy.payment.rate.points), amount: f.money(policy.payment.rate.valueMinor) })}</dd>
        <dt>{t('loyalty.expiry')}</dt><dd>{expiryText}</dd>
        <dt>{t('loyalty.returnWindow')}</dt><dd>{t('loyalty.days', { n: policy.returnWindowDays })}</dd>
      </dl>
    </div>
  );
}
