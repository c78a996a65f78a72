// Member-facing use-cases besides checkout: registration (enrolment in the entry tier, a referral
// code, binding a referrer, registration coupons), the ledger view, manual point adjustments and
// tier overrides (each with a reason, audited).
import type { Kysely } from 'kysely';
import { AppError, invalid, notFound } from '../../domain/errors.ts';
import { expiringBy, lotDates } from '../../domain/loyalty/expiry.ts';
import { adjust, applyChange, balances, remainingByLot } from '../../domain/loyalty/ledger.ts';
import type { Reason } from '../../domain/loyalty/reasons.ts';
import { bindReferrer } from '../../domain/loyalty/referral.ts';
import { evaluateTier, overrideTier } from '../../domain/loyalty/tiers.ts';
import { couponsForEvent } from '../../domain/promotions/auto-issue.ts';
import { normalizeCode } from '../../domain/promotions/codes.ts';
import { normalizePhone } from '../../domain/phone.ts';
import { addDays, businessDate } from '../../domain/time.ts';
import { writeAudit } from '../../store/audit.repo.ts';
import { findByRefs, getCustomer, upsertCustomers } from '../../store/customers.repo.ts';
import { couponsOfMember } from '../../store/loyalty-coupons.repo.ts';
import { appendLedger, loadLedger } from '../../store/loyalty-ledger.repo.ts';
import { devicesOf, insertReferral, memberActivity, memberTier, ownerOfReferralCode, recordDevices, referralCodeOf, referralOf, saveTierDecision, tierHistory } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { autoIssue, type IssuedCoupon } from './issue.ts';
import { loadMember } from './member.ts';
import { storeInScope } from './price.ts';
import { ensureReferralCode } from './referral.ts';
import { refusal } from './refusal.ts';
import { loadPromotions, loadSettings } from './settings.ts';

export interface Registration {
  memberNo?: string | null; phone?: string | null; name?: string | null; birthDate?: string | null;
  storeCode?: string | null; referralCode?: string | null;
  /** Devices the newcomer registers from, kept with the member: a device shared with the referrer is self-referral. */
  deviceIds?: readonly string[];
}

export interface Registered {
  customerId: number; referralCode: string; tier: { code: string; name: string };
  referral: { bound: true; referrerId: number } | { bound: false; reason: Reason } | null;
  couponsIssued: IssuedCoupon[];
}

type By = { now: Date; actor: string | null; storeIds: readonly number[] | null };

/** Register a member (or enrol a customer the store already knows, e.g. from an import). */
export async function registerMember(db: Kysely<DB>, r: Registration, by: By): Promise<Registered> {
  const memberNo = r.memberNo?.trim() || null;
  let phone: string | null = null;
  if (r.phone?.trim()) {
    phone = normalizePhone(r.phone);
    if (!phone) throw invalid('/phone', `not a phone number: ${r.phone}`);
  }
  if (!memberNo && !phone) throw invalid('/memberNo', 'a member needs a member number or a phone');
  return db.transaction().execute(async (trx) => {
    const settings = await loadSettings(trx);
    const store = r.storeCode ? await storeInScope(trx, r.storeCode, by.storeIds) : null;
    const zone = store?.timeZone ?? settings.policy.zone;
    const at = by.now.toISOString(), date = businessDate(at, zone);
    const found = await findByRefs(trx, [{ memberNo, phone }]);
    const existing = (memberNo ? found.get(`m:${memberNo}`) : undefined) ?? (phone ? found.get(`p:${phone}`) : undefined);
    if (existing !== undefined && await memberTier(trx, existing)) throw new AppError('CONFLICT', 'already a member', { field: memberNo ? '/memberNo' : '/phone' });
    const { ids } = await upsertCustomers(trx, [{
      memberNo, phone, name: r.name ?? null, gender: 'unknown', birthDate: r.birthDate ?? null, city: null, region: null,
      homeStoreCode: store?.code ?? null, guideCode: null, registeredAt: existing === undefined ? at : null, registrationChannel: existing === undefined ? 'pos' : null,
      referrer: null, consents: [], attributes: {},
    }], new Map(store ? [[store.code, store.id]] : []), at);
    const customer = (await getCustomer(trx, ids[0]!))!;
    const enrolledOn = businessDate(customer.registeredAt ?? customer.createdAt, zone);
    const decision = evaluateTier({ state: null, enrolledOn, activity: await memberActivity(trx, customer.id) }, settings.ladder, date);
    await saveTierDecision(trx, customer.id, decision, { enrolledOn, at, date, actor: by.actor, isNew: true });
    const referralCode = await ensureReferralCode(trx, customer.id);
    const deviceIds = r.deviceIds ?? [];
    await recordDevices(trx, customer.id, deviceIds, at);

    let referral: Registered['referral'] = null;
    if (r.referralCode?.trim()) {
      const ownerId = await ownerOfReferralCode(trx, normalizeCode(r.referralCode));
      const owner = ownerId === null ? undefined : await getCustomer(trx, ownerId);
      const bound = bindReferrer({
        referee: { id: String(customer.id), phone: customer.phone, deviceIds, registeredOn: enrolledOn },
        referrer: owner ? { id: String(owner.id), phone: owner.phone, deviceIds: await devicesOf(trx, owner.id) } : null,
        existing: await referralOf(trx, customer.id), date, policy: settings.policy.referral,
      });
      if (bound.ok) await insertReferral(trx, bound.binding);
      referral = bound.ok ? { bound: true, referrerId: Number(bound.binding.referrerId) } : { bound: false, reason: bound.reason };
    }
    const issue = couponsForEvent(settings.policy.autoIssue, { kind: 'registration', memberId: String(customer.id) })
      .map((d) => ({ templateId: d.templateId, customerId: customer.id, quantity: d.quantity, dedupeKey: d.dedupeKey }));
    const couponsIssued = await autoIssue(trx, (await loadPromotions(trx)).map((p) => p.promotion), issue, { now: at, issuedOrderId: null });
    const tier = settings.ladder.tiers.find((t) => t.code === decision.to)!;
    return { customerId: customer.id, referralCode, tier: { code: tier.code, name: tier.name }, referral, couponsIssued };
  });
}

/** A member's points (balances, lots with what is left, every entry), tier and history, growth and coupons. */
export async function memberLedger(db: Kysely<DB>, customerId: number, o: { now: Date; asOf?: string | null }) {
  const customer = await getCustomer(db, customerId);
  if (!customer) throw notFound('customer', '/id');
  const settings = await loadSettings(db);
  const asOf = o.asOf ?? businessDate(o.now.toISOString(), settings.policy.zone);
  const [ledger, tier, activity, history, coupons, referralCode] = await Promise.all([
    loadLedger(db, customerId), memberTier(db, customerId), memberActivity(db, customerId), tierHistory(db, customerId), couponsOfMember(db, customerId),
    referralCodeOf(db, customerId),
  ]);
  const rem = remainingByLot(ledger);
  const def = tier ? settings.ladder.tiers.find((t) => t.code === tier.state.tierCode) : undefined;
  return {
    customerId, asOf,
    balances: balances(ledger, asOf),
    expiringSoon: expiringBy(ledger, asOf, addDays(asOf, 30)),
    lots: ledger.lots.map((l) => ({ ...l, lines: [...l.lines], remaining: rem.get(l.lotNo) ?? 0 })),
    entries: [...ledger.entries],
    growth: activity.reduce((a, x) => (x.date <= asOf ? a + x.growth : a), 0),
    tier: tier && { ...tier.state, name: def?.name ?? tier.state.tierCode, enrolledOn: tier.enrolledOn },
    tierHistory: history,
    coupons,
    referralCode,
  };
}

/** A manual points correction with a reason; audited. */
export async function adjustPoints(db: Kysely<DB>, customerId: number, a: { points: number; reason: string; expiresOn?: string | null }, by: { now: Date; actor: string | null }) {
  if (!(await getCustomer(db, customerId))) throw notFound('customer', '/id');
  return raceFree(db.transaction().execute(async (trx) => {
    const { policy } = await loadSettings(trx);
    const at = by.now.toISOString(), date = businessDate(at, policy.zone);
    const ledger = await loadLedger(trx, customerId);
    const expiresOn = a.expiresOn === undefined ? lotDates(policy.expiry, 0, date).expiresOn : a.expiresOn;
    if (expiresOn !== null && expiresOn <= date) throw invalid('/expiresOn', 'points would expire before they are available');
    const out = adjust(ledger, { points: a.points, reason: a.reason, opId: `adjust:${customerId}:${at}`, expiresOn }, { at, date }, policy.ledger);
    if (!out.ok) throw refusal(out.reason, '/points');
    await appendLedger(trx, customerId, out.change);
    await writeAudit(trx, { actor: by.actor, action: 'points.adjust', entity: 'customer', entityId: customerId, details: { points: a.points, reason: a.reason }, at });
    return { customerId, points: a.points, balances: balances(applyChange(ledger, out.change), date) };
  }));
}

/** A ledger write that lost a race on the (member, entry number) key: nothing was written; try again. */
async function raceFree<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'the member\'s points changed at the same moment; nothing was recorded — try again', { field: '/points', details: { retry: true } });
    throw e;
  }
}

/** Set a member's tier by hand, with a reason, until a date (or until changed); audited. */
export async function setTier(db: Kysely<DB>, customerId: number, o: { tierCode: string; reason: string; until?: string | null }, by: { now: Date; actor: string | null }) {
  const customer = await getCustomer(db, customerId);
  if (!customer) throw notFound('customer', '/id');
  return db.transaction().execute(async (trx) => {
    const settings = await loadSettings(trx);
    const at = by.now.toISOString(), date = businessDate(at, settings.policy.zone);
    const member = await loadMember(trx, customer, settings.ladder, date, settings.policy.zone);
    const d = overrideTier({ state: member.state, enrolledOn: member.enrolledOn, activity: member.activity }, settings.ladder,
      { tierCode: o.tierCode, reason: o.reason, actor: by.actor, until: o.until ?? null }, date);
    await saveTierDecision(trx, customerId, d, { enrolledOn: member.enrolledOn, at, date, actor: by.actor, isNew: member.state === null });
    await writeAudit(trx, { actor: by.actor, action: 'tier.override', entity: 'customer', entityId: customerId, details: { from: d.from, to: d.to, reason: o.reason, until: o.until ?? null }, at });
    return { customerId, action: d.action, from: d.from, to: d.to, reviewOn: d.next.reviewOn, reasons: d.reasons };
  });
}
