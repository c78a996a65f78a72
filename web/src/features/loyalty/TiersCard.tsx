// The ladder in force, tier by tier (what it takes, what it gives), and how members spread over it.
import { useMemo } from 'react';
import { useI18n, type Formats } from '../../i18n/index.ts';
import { Chart } from '../../ui/Chart.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import type { Table } from '../../ui/table.ts';
import type { Ladder, Stats, TierDef } from './api.ts';

type T = ReturnType<typeof useI18n>['t'];

function criteriaText(tier: TierDef, index: number, t: T, f: Formats): string {
  const c = tier.criteria;
  const parts = [
    c.growth !== undefined ? t('loyalty.growth', { n: f.int(c.growth) }) : null,
    c.spendMinor !== undefined ? t('loyalty.spend', { amount: f.money(c.spendMinor) }) : null,
    c.orders !== undefined ? t('loyalty.orders', { n: f.int(c.orders) }) : null,
    c.interactions !== undefined ? t('loyalty.interactions', { n: f.int(c.interactions) }) : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return index === 0 ? t('loyalty.entry') : '—';
  return c.combine === 'any' && parts.length > 1 ? `${parts.join(' / ')}（${t('loyalty.combineAny')}）` : parts.join(' + ');
}

function benefitsText(tier: TierDef, t: T, f: Formats): string {
  const b = tier.benefits;
  return [
    b.discountBp > 0 ? t('loyalty.discount', { pct: f.pct(b.discountBp / 10000, 0) }) : null,
    b.pointsMultiplierBp !== 10000 ? t('loyalty.multiplier', { x: f.dec(b.pointsMultiplierBp / 10000, 1) }) : null,
    b.freeDelivery ? t('loyalty.freeDelivery') : null,
    b.prioritySupport ? t('loyalty.prioritySupport') : null,
    b.birthdayGift ? t('loyalty.birthdayGift', { id: b.birthdayGift }) : null,
  ].filter((p) => p !== null).join(' · ') || '—';
}

export function TiersCard({ ladder, version, stats }: { ladder: Ladder; version: number; stats: Stats }) {
  const { t, f } = useI18n();
  const byCode = new Map(ladder.tiers.map((x, i) => [x.code, { tier: x, index: i }]));
  const view = useMemo(() => {
    const name = (s: Stats['tiers'][number]) => s.name ?? t('loyalty.notInLadder', { code: s.code });
    const table: Table = {
      columns: [
        { key: 'tier', label: t('loyalty.tier') },
        { key: 'members', label: t('loyalty.members'), numeric: true, format: (v) => f.int(v as number) },
        { key: 'share', label: t('loyalty.share'), numeric: true, format: (v) => f.pct(v as number) },
      ],
      rows: stats.tiers.map((s) => ({ tier: name(s), members: s.members, share: s.share })),
    };
    const option = {
      tooltip: {}, grid: { left: 130, right: 30, top: 10, bottom: 30 }, xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: stats.tiers.map(name) },
      series: [{ type: 'bar', data: stats.tiers.map((s) => s.members), label: { show: true, position: 'right' } }],
    };
    return { table, option };
  }, [stats, t, f]);
  const ladderTable: Table = {
    columns: [
      { key: 'tier', label: t('loyalty.tier') }, { key: 'criteria', label: t('loyalty.criteria') }, { key: 'benefits', label: t('loyalty.benefits') },
      { key: 'members', label: t('loyalty.members'), numeric: true, format: (v) => f.int(v as number) },
    ],
    rows: stats.tiers.filter((s) => s.inLadder).map((s) => {
      const d = byCode.get(s.code)!;
      return { tier: `${d.tier.name} (${d.tier.code})`, criteria: criteriaText(d.tier, d.index, t, f), benefits: benefitsText(d.tier, t, f), members: s.members };
    }),
  };
  const review = ladder.review.basis === 'calendar' ? t('loyalty.review.calendar', { md: ladder.review.monthDay }) : t('loyalty.review.anniversary');
  return (
    <div className="grid-2">
      <div className="card">
        <h2>{t('loyalty.ladder')} <span className="muted">· {version > 0 ? t('loyalty.version', { n: version }) : t('loyalty.defaults')}</span></h2>
        <DataTable table={ladderTable} />
        <p className="muted">{t('loyalty.ladderRules', { days: ladder.windowDays, review, grace: ladder.graceDays, growth: f.dec(ladder.growthPerUnit, 0), amount: f.money(ladder.unitMinor) })}</p>
      </div>
      <Chart title={t('loyalty.distribution')} name="loyalty-tiers" table={view.table} option={view.option} height={Math.max(220, stats.tiers.length * 42 + 40)} />
    </div>
  );
}
