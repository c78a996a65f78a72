// The loyalty jobs and reports: the expiry job (each member in its own short transaction, so one
// busy member never holds the rest back; a member changed meanwhile is left for the next run) and
// the points liability report (one GROUP BY over the ledger).
import type { Kysely } from 'kysely';
import { expireDue } from '../../domain/loyalty/expiry.ts';
import { liabilityReport, type LiabilityReport } from '../../domain/loyalty/liability.ts';
import { businessDate } from '../../domain/time.ts';
import { appendLedger, ledgerByMonth, loadLedger, membersWithDueLots } from '../../store/loyalty-ledger.repo.ts';
import type { DB } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { loadSettings } from './settings.ts';

export interface ExpiryRun { date: string; members: number; pointsExpired: number; skipped: number[] }

/** Write off every lot whose expiry date has come by `date` (default: today in the policy's zone). Running it twice changes nothing. */
export async function runExpiry(db: Kysely<DB>, o: { now: Date; date?: string | null }): Promise<ExpiryRun> {
  const settings = await loadSettings(db);
  const at = o.now.toISOString();
  const date = o.date ?? businessDate(at, settings.policy.zone);
  const out: ExpiryRun = { date, members: 0, pointsExpired: 0, skipped: [] };
  for (const customerId of await membersWithDueLots(db, date)) {
    try {
      const expired = await db.transaction().execute(async (trx) => {
        const change = expireDue(await loadLedger(trx, customerId), { at, date }, `expiry:${date}`);
        await appendLedger(trx, customerId, change);
        return -change.entries.filter((e) => e.kind === 'expire').reduce((a, e) => a + e.points, 0);
      });
      out.members += 1;
      out.pointsExpired += expired;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      out.skipped.push(customerId);
    }
  }
  return out;
}

/** Outstanding points, their value, expected breakage and the month-end roll-forward. */
export async function pointsLiability(db: Kysely<DB>, o: { fromMonth: string; toMonth: string; breakageBp?: number | null }): Promise<LiabilityReport> {
  const { policy } = await loadSettings(db);
  return liabilityReport(await ledgerByMonth(db), { fromMonth: o.fromMonth, toMonth: o.toMonth, value: policy.payment.rate, breakageBp: o.breakageBp ?? policy.breakageBp });
}
