// `regulars loyalty configure tiers|earn-rules|policy|promotions FILE` (a new version from JSON),
// `loyalty settings`, `loyalty ledger MEMBER`, `loyalty backtest FILE`, `loyalty donate|transfer`, the jobs
// (`loyalty expire`, `review-tiers`, `birthdays`, `daily` = all three), `loyalty liability`. The rules and
// the JSON shapes: docs/loyalty.md.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { runBirthdays, type BirthdayRun } from '../../app/loyalty/birthdays.ts';
import { backtestTiers, pointsLiability, runDaily, runExpiry, type ExpiryRun } from '../../app/loyalty/jobs.ts';
import { resolveMember, type MemberRef } from '../../app/loyalty/member.ts';
import { memberLedger } from '../../app/loyalty/members.ts';
import { loadPromotions, loadSettings, savePromotionDefinition, saveSettings, type StoredPromotion } from '../../app/loyalty/settings.ts';
import { runTierReviews, type TierReviewRun } from '../../app/loyalty/tier-review.ts';
import { donatePoints, transferPoints } from '../../app/loyalty/transfers.ts';
import type { Balances } from '../../domain/loyalty/ledger.ts';
import { invalid } from '../../domain/errors.ts';
import { normalizePhone } from '../../domain/phone.ts';
import type { ConfigKind } from '../../store/loyalty-config.repo.ts';
import { nowIso, output, withStore, type GlobalOptions } from '../context.ts';
import { int, money, table } from '../format.ts';

const KINDS: Record<string, ConfigKind | 'promotions'> = { tiers: 'tiers', 'earn-rules': 'earn', policy: 'policy', promotions: 'promotions' };
const by = () => ({ actor: 'cli', now: nowIso() });

function readJson(file: string): unknown {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { throw invalid('FILE', `cannot read ${file}`); }
  try { return JSON.parse(text); } catch { throw invalid('FILE', `${file} is not valid JSON`); }
}

const kindArg = (v: string) => {
  if (!(v in KINDS)) throw new InvalidArgumentError(`expected one of ${Object.keys(KINDS).join(', ')}`);
  return v;
};
const dateArg = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return v;
};
const monthArg = (v: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('expected YYYY-MM');
  return v;
};

const pointsArg = (v: string) => {
  if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError('expected a whole number of points above 0');
  return Number(v);
};

/** A member named on the command line: a customer id with --id, else a member number, else the same text as a phone. */
function memberRef(member: string, byId: boolean | undefined, field: string): MemberRef {
  if (byId && !/^\d+$/.test(member)) throw invalid(field, 'a customer id is digits');
  return byId ? { customerId: Number(member) } : { memberNo: member, phone: normalizePhone(member) ? member : null };
}

const pointsLine = (b: Balances) => `${int(b.spendable)} spendable (${int(b.available)} available, ${int(b.pending)} pending, debt ${int(b.debt)})`;

const expiryText = (r: ExpiryRun) => `expiry on ${r.date}: ${int(r.pointsExpired)} points of ${int(r.members)} member(s) written off`
  + (r.skipped.length ? `; ${r.skipped.length} member(s) changed meanwhile, left for the next run` : '');
const reviewText = (r: TierReviewRun) => {
  const counts = Object.entries(r.actions).map(([a, n]) => `${a} ${int(n)}`).join(', ') || 'no changes';
  return [`tier review on ${r.date}: ${int(r.reviewed)} member(s) due — ${counts}`
    + (r.skipped.length ? `; ${r.skipped.length} changed meanwhile, left for the next run` : ''),
  ...(r.changes.length ? [table(['customer', 'action', 'from', 'to'], r.changes.map((c) => [c.customerId, c.action, c.from, c.to]))] : [])].join('\n');
};
const birthdayText = (r: BirthdayRun) => `birthdays on ${r.date}: ${int(r.issued)} coupon(s) issued to ${int(r.members)} member(s) with a birthday due`;

export function registerLoyalty(program: Command): void {
  const loyalty = program.command('loyalty').description('loyalty engine: settings, members\' points ledgers, the expiry job, the points liability');

  loyalty.command('configure').argument('<kind>', 'tiers, earn-rules, policy or promotions', kindArg).argument('<file>', 'JSON file')
    .description('save a new version of a setting from a JSON file (promotions: one promotion/coupon template or an array of them); bad fields are named')
    .action(async (kind: string, file: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const body = readJson(file);
      await withStore(g, async ({ db }) => {
        const k = KINDS[kind]!;
        if (k === 'promotions') {
          const list = Array.isArray(body) ? body : [body];
          const saved: StoredPromotion[] = [];
          for (const [i, p] of list.entries()) {
            const id = typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string' ? (p as { id: string }).id : null;
            if (id === null) throw invalid(`${i}/id`, 'each promotion needs an id');
            saved.push(await savePromotionDefinition(db, id, p, by()));
          }
          output(g, { saved: saved.map((s) => ({ id: s.promotion.id, version: s.version })) },
            () => saved.map((s) => `${s.promotion.coupon ? 'coupon template' : 'promotion'} ${s.promotion.id} (${s.promotion.name}) saved as version ${s.version}`).join('\n'));
          return;
        }
        const { version } = await saveSettings(db, k, body, by());
        output(g, { kind, version }, () => `${kind} saved as version ${version}`);
      });
    });

  loyalty.command('settings').description('the loyalty settings in force (latest versions, defaults where none saved) and the promotions')
    .action(async (_o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const s = await loadSettings(db);
        const promotions = await loadPromotions(db);
        output(g, { versions: s.versions, ladder: s.ladder, earn: s.earn, policy: s.policy, promotions }, () => [
          `versions: tiers ${s.versions.tiers}, earn-rules ${s.versions.earn}, policy ${s.versions.policy} (0 = defaults)`,
          table(['tier', 'name', 'growth ≥', 'discount', 'points ×'], s.ladder.tiers.map((t) => [
            t.code, t.name, t.criteria.growth ?? '', `${t.benefits.discountBp / 100}%`, t.benefits.pointsMultiplierBp / 10000])),
          `earning: ${s.earn.basePointsPerUnit} point(s) per ${money(s.earn.unitMinor)}; expiry ${JSON.stringify(s.policy.expiry)}; return window ${s.policy.returnWindowDays} days`,
          `points as payment: ${s.policy.payment.rate.points} points = ${money(s.policy.payment.rate.valueMinor)}`,
          table(['promotion', 'name', 'kind', 'coupon', 'active', 'version'], promotions.map((p) => [
            p.promotion.id, p.promotion.name, p.promotion.benefit.kind, p.promotion.coupon ? 'yes' : '', p.promotion.active ? 'yes' : 'no', p.version])),
        ].join('\n'));
      });
    });

  loyalty.command('ledger').argument('<member>', 'member number or phone (or --id)')
    .option('--id', 'the argument is a customer id')
    .option('--as-of <date>', 'business date for the balances (default: today)', dateArg)
    .description('a member\'s points: balances, lots with what is left, every entry; tier and growth')
    .action(async (member: string, o: { id?: boolean; asOf?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const c = await resolveMember(db, memberRef(member, o.id, 'member'), 'member');
        const l = await memberLedger(db, c.id, { now: new Date(), asOf: o.asOf ?? null });
        const b = l.balances;
        output(g, l, () => [
          `customer ${l.customerId}${c.memberNo ? ` (${c.memberNo})` : ''}, as of ${l.asOf}: tier ${l.tier ? `${l.tier.name} (${l.tier.tierCode}), review ${l.tier.reviewOn}` : '—'}, growth ${int(l.growth)}`,
          `points: ${int(b.total)} in all — available ${int(b.available)}, pending ${int(b.pending)}, expired not yet written off ${int(b.expiredUnprocessed)}, debt ${int(b.debt)}`,
          ...l.expiringSoon.map((x) => `  ${int(x.points)} expire on ${x.expiresOn}`),
          table(['lot', 'origin', 'points', 'left', 'available', 'expires', 'order'], l.lots.map((x) => [x.lotNo, x.origin, x.points, x.remaining, x.availableOn, x.expiresOn ?? 'never', x.orderId])),
          table(['#', 'date', 'kind', 'points', 'lot', 'order', 'note'], l.entries.map((e) => [e.seq, e.date, e.kind, e.points, e.lotNo, e.orderId, e.note])),
        ].join('\n'));
      });
    });

  loyalty.command('backtest').argument('<file>', 'the proposed ladder as JSON')
    .requiredOption('--from <date>', 'first day of the period', dateArg).requiredOption('--to <date>', 'last day of the period', dateArg)
    .description('replay members over a period under a proposed tier ladder, before saving it: distribution, benefit cost, who moves')
    .action(async (file: string, o: { from: string; to: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const ladder = readJson(file);
      await withStore(g, async ({ db }) => {
        const r = await backtestTiers(db, ladder, o);
        output(g, r, () => [
          `${int(r.members)} members replayed ${o.from} … ${o.to}; benefit cost ${money(r.totalCostMinor)}`,
          table(['tier', 'members on the last day', 'spend', 'discount', 'extra points'], Object.entries(r.distribution).map(([tier, n]) => {
            const c = r.cost[tier]!;
            return [tier, int(n), money(c.spendMinor), money(c.discountMinor), money(c.pointsMinor)];
          })),
          `${int(r.movers.length)} would move: ${int(r.movers.filter((m) => m.direction === 'up').length)} up, ${int(r.movers.filter((m) => m.direction === 'down').length)} down`,
        ].join('\n'));
      });
    });

  loyalty.command('expire').option('--date <date>', 'business date (default: today in the policy zone)', dateArg)
    .description('run the expiry job: write off every lot whose expiry date has come; running it again changes nothing')
    .action(async (o: { date?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await runExpiry(db, { now: new Date(), date: o.date ?? null });
        output(g, r, () => expiryText(r));
      });
    });

  loyalty.command('review-tiers').option('--date <date>', 'business date (default: today in the policy zone)', dateArg)
    .description('run the tier review: renewals, grace holds, downgrades at the review date, exits of long-inactive members (tier history with reasons); again for the same date changes nothing')
    .action(async (o: { date?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await runTierReviews(db, { now: new Date(), date: o.date ?? null, actor: 'cli' });
        output(g, r, () => reviewText(r));
      });
    });

  loyalty.command('birthdays').option('--date <date>', 'business date (default: today in the policy zone)', dateArg)
    .description('issue birthday coupons (birthday auto-issue rules, tier birthday gifts) to members whose birthday is within the lead days; once per member per year')
    .action(async (o: { date?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await runBirthdays(db, { now: new Date(), date: o.date ?? null });
        output(g, r, () => birthdayText(r));
      });
    });

  loyalty.command('daily').option('--date <date>', 'business date (default: today in the policy zone)', dateArg)
    .description('the daily jobs for a date: expiry, then tier reviews, then birthday coupons (each safe to run again)')
    .action(async (o: { date?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await runDaily(db, { now: new Date(), date: o.date ?? null, actor: 'cli' });
        output(g, r, () => [expiryText(r.expiry), reviewText(r.tierReviews), birthdayText(r.birthdays)].join('\n'));
      });
    });

  loyalty.command('donate').argument('<member>', 'member number or phone (or --id)')
    .option('--id', 'the argument is a customer id')
    .requiredOption('--points <n>', 'points to donate', pointsArg).requiredOption('--cause <text>', 'the cause the points go to')
    .option('--key <key>', 'idempotency key: the same key and request replay the first answer (default: a new one)')
    .description('donate a member\'s points to a named cause (spent earliest-expiring first)')
    .action(async (member: string, o: { id?: boolean; points: number; cause: string; key?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const c = await resolveMember(db, memberRef(member, o.id, 'member'), 'member');
        const r = await donatePoints(db, c.id, { points: o.points, cause: o.cause }, { now: new Date(), actor: 'cli', key: o.key ?? randomUUID() });
        output(g, r.body, () => `${r.replayed ? '(replayed) ' : ''}customer ${c.id} donated ${int(r.body.points)} points to ${r.body.cause}; now ${pointsLine(r.body.balances)}`);
      });
    });

  loyalty.command('transfer').argument('<from>', 'giving member: member number or phone (or --id)').argument('<to>', 'receiving member, likewise')
    .option('--id', 'both arguments are customer ids')
    .requiredOption('--points <n>', 'points to move', pointsArg).option('--note <text>', 'why (kept on the ledger entries)')
    .option('--key <key>', 'idempotency key: the same key and request replay the first answer (default: a new one)')
    .description('move points to another member, oldest-expiry-first with their expiry dates (only when the policy sets ledger.transferEnabled)')
    .action(async (from: string, to: string, o: { id?: boolean; points: number; note?: string; key?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const giver = await resolveMember(db, memberRef(from, o.id, 'from'), 'from');
        const r = await transferPoints(db, giver.id, { to: memberRef(to, o.id, 'to'), points: o.points, note: o.note ?? null },
          { now: new Date(), actor: 'cli', key: o.key ?? randomUUID() });
        const b = r.body;
        output(g, b, () => [
          `${r.replayed ? '(replayed) ' : ''}${int(b.points)} points from customer ${b.from.customerId} to customer ${b.to.customerId}`,
          table(['points', 'expires'], b.lots.map((l) => [l.points, l.expiresOn ?? 'never'])),
          `giver now ${pointsLine(b.from.balances)}; receiver now ${pointsLine(b.to.balances)}`,
        ].join('\n'));
      });
    });

  loyalty.command('liability').requiredOption('--from <month>', 'first month, YYYY-MM', monthArg).requiredOption('--to <month>', 'last month, YYYY-MM', monthArg)
    .option('--breakage-bp <n>', 'expected breakage in basis points (default: the policy, else estimated from history)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
      return Number(v);
    })
    .description('points liability: month-end roll-forward, outstanding points and value, expected breakage')
    .action(async (o: { from: string; to: string; breakageBp?: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withStore(g, async ({ db }) => {
        const r = await pointsLiability(db, { fromMonth: o.from, toMonth: o.to, breakageBp: o.breakageBp ?? null });
        output(g, r, () => [
          table(['month', 'opening', 'earned', 'rewarded', 'adjusted', 'restored', 'redeemed', 'donated', 'expired', 'clawed back', 'closing', 'value'],
            r.months.map((m) => [m.month, int(m.opening), int(m.earned), int(m.rewarded), int(m.adjusted), int(m.restored), int(m.redeemed), int(m.donated),
              int(m.expired), int(m.clawedBack), int(m.closing), money(m.closingValueMinor)])),
          `outstanding ${int(r.outstandingPoints)} points worth ${money(r.outstandingValueMinor)}; breakage ${r.breakageBp / 100}% (${r.breakageSource}) = ${int(r.expectedBreakagePoints)} points;`
            + ` liability ${money(r.liabilityMinor)}`,
          ...(r.months.some((m) => m.unexplained !== 0) ? ['WARNING: the ledger does not roll forward (see "unexplained")'] : []),
        ].join('\n'));
      });
    });
}
