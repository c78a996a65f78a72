// Points leaving a member other than at a till: a donation to a named cause (a redemption kind) and a
// member-to-member transfer (off unless the policy turns it on; the receiver gets the giver's points
// oldest-expiry-first with their expiry dates, so a transfer never extends the life of points). Each
// is one transaction, audited, and runs once per Idempotency-Key: the same key and body replay the
// first answer, another body is a 409.
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../../domain/errors.ts';
import { applyChange, balances, redeem, transfer, type Balances, type LedgerChange } from '../../domain/loyalty/ledger.ts';
import { businessDate } from '../../domain/time.ts';
import { writeAudit } from '../../store/audit.repo.ts';
import { findIdempotent, saveIdempotent, type StoredResponse } from '../../store/idempotency.repo.ts';
import { appendLedger, loadLedger } from '../../store/loyalty-ledger.repo.ts';
import type { DB } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { resolveMember, type MemberRef } from './member.ts';
import { refusal } from './refusal.ts';
import { requestHash } from './request-hash.ts';
import { loadSettings } from './settings.ts';

type By = { now: Date; actor: string | null; key: string | null };

export interface Once<T> { status: 200 | 201; replayed: boolean; body: T }

export interface DonationRequest { points: number; cause: string }
export interface Donation { customerId: number; points: number; cause: string; businessDate: string; balances: Balances }

export interface TransferRequest { to: MemberRef; points: number; note?: string | null }
export interface Transfer {
  points: number; note: string | null; businessDate: string;
  from: { customerId: number; balances: Balances };
  to: { customerId: number; balances: Balances };
  /** The receiver's new lots: each keeps the expiry date of the points it came from. */
  lots: { points: number; expiresOn: string | null }[];
}

/** Donate points to a named cause: spent like a payment, earliest-expiring first; the cause is kept on the ledger entries. */
export async function donatePoints(db: Kysely<DB>, customerId: number, req: DonationRequest, by: By): Promise<Once<Donation>> {
  const member = await resolveMember(db, { customerId }, '/id');
  const cause = req.cause.trim();
  if (!cause) throw invalid('/cause', 'name the cause the points go to');
  return once(db, `points:donate:${member.id}`, by, { customerId: member.id, points: req.points, cause }, async (trx) => {
    const { policy } = await loadSettings(trx);
    const at = by.now.toISOString(), date = businessDate(at, policy.zone);
    const ledger = await loadLedger(trx, member.id);
    const out = redeem(ledger, { points: req.points, kind: 'donate', opId: `donate:${by.key ?? at}`, note: cause }, { at, date });
    if (!out.ok) throw refusal(out.reason, '/points');
    await appendLedger(trx, member.id, out.change);
    await writeAudit(trx, { actor: by.actor, action: 'points.donate', entity: 'customer', entityId: member.id, details: { points: req.points, cause }, at });
    return { customerId: member.id, points: req.points, cause, businessDate: date, balances: balances(applyChange(ledger, out.change), date) };
  });
}

/** Move points from one member to another, atomically (policy `ledger.transferEnabled`, off by default). */
export async function transferPoints(db: Kysely<DB>, fromId: number, req: TransferRequest, by: By): Promise<Once<Transfer>> {
  const from = await resolveMember(db, { customerId: fromId }, '/id');
  const to = await resolveMember(db, req.to, '/to');
  if (to.id === from.id) throw invalid('/to', 'points cannot be transferred to the same member');
  const note = req.note?.trim() || null;
  return once(db, `points:transfer:${from.id}`, by, { from: from.id, to: to.id, points: req.points, note }, async (trx) => {
    const { policy } = await loadSettings(trx);
    const at = by.now.toISOString(), date = businessDate(at, policy.zone);
    const [fromLedger, toLedger] = await Promise.all([loadLedger(trx, from.id), loadLedger(trx, to.id)]);
    const out = transfer(fromLedger, toLedger, { points: req.points, opId: `transfer:${by.key ?? at}`, note: note ?? `${from.id} → ${to.id}` }, { at, date }, policy.ledger);
    if (!out.ok) throw refusal(out.reason, out.reason.code === 'TRANSFER_DISABLED' ? 'policy/ledger/transferEnabled' : '/points');
    // The lower customer id first: two opposite transfers at once then collide on one key instead of deadlocking.
    const writes: [number, LedgerChange][] = [[from.id, out.from], [to.id, out.to]];
    for (const [id, change] of writes.sort((a, b) => a[0] - b[0])) await appendLedger(trx, id, change);
    await writeAudit(trx, { actor: by.actor, action: 'points.transfer', entity: 'customer', entityId: from.id, details: { to: to.id, points: req.points, note }, at });
    return {
      points: req.points, note, businessDate: date,
      from: { customerId: from.id, balances: balances(applyChange(fromLedger, out.from), date) },
      to: { customerId: to.id, balances: balances(applyChange(toLedger, out.to), date) },
      lots: out.to.lots.map((l) => ({ points: l.points, expiresOn: l.expiresOn })),
    };
  });
}

/** Thrown inside the transaction when a twin stored its answer first: roll ours back and replay theirs. */
class TwinFirst extends Error {}

/** Run `work` in a transaction once per (scope, key); without a key, just run it. */
async function once<T>(db: Kysely<DB>, scope: string, { key, now }: By, request: unknown, work: (trx: Kysely<DB>) => Promise<T>): Promise<Once<T>> {
  const hash = requestHash(request);
  const replay = (prior: StoredResponse): Once<T> => {
    if (prior.requestHash !== hash) throw new AppError('CONFLICT', 'this Idempotency-Key was used before with a different request', { field: '/headers/idempotency-key' });
    return { status: 200, replayed: true, body: prior.body as T };
  };
  try {
    const out = await db.transaction().execute(async (trx): Promise<{ prior: StoredResponse } | { body: T }> => {
      const prior = key === null ? undefined : await findIdempotent(trx, scope, key);
      if (prior) return { prior };
      const body = await work(trx);
      if (key !== null) {
        const mine = { requestHash: hash, status: 201, body };
        if (await saveIdempotent(trx, scope, key, mine, now.toISOString()) !== mine) throw new TwinFirst();
      }
      return { body };
    });
    return 'prior' in out ? replay(out.prior) : { status: 201, replayed: false, body: out.body };
  } catch (e) {
    if (!(e instanceof TwinFirst) && !isUniqueViolation(e)) throw e;
    const twin = key === null ? undefined : await findIdempotent(db, scope, key);
    if (twin) return replay(twin);
    throw new AppError('CONFLICT', 'the member\'s points changed at the same moment; nothing was recorded — try again', { field: '/points', details: { retry: true } });
  }
}
