// A member as the checkout sees them: who (resolved from an id, member number or phone), their tier
// and its benefits, their points ledger and growth history.
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../../domain/errors.ts';
import { balances, type Balances, type PointsLedger } from '../../domain/loyalty/ledger.ts';
import { evaluateTier, type TierActivity, type TierDef, type TierLadder, type TierState } from '../../domain/loyalty/tiers.ts';
import { normalizePhone } from '../../domain/phone.ts';
import { businessDate } from '../../domain/time.ts';
import { findByRefs, getCustomer, type Customer } from '../../store/customers.repo.ts';
import { loadLedger } from '../../store/loyalty-ledger.repo.ts';
import { memberActivity, memberTier } from '../../store/loyalty-members.repo.ts';
import type { DB } from '../../store/schema.ts';

export interface MemberRef { customerId?: number | null; memberNo?: string | null; phone?: string | null }

export interface LoadedMember {
  customer: Customer;
  /** The stored tier state; null before the member's first checkout or registration. */
  state: TierState | null;
  enrolledOn: string;
  /** The tier that prices this checkout (stored, or the one they would enter with). */
  tier: TierDef;
  activity: TierActivity[];
  ledger: PointsLedger;
  balances: Balances;
}

/** The customer a checkout names; 404 naming the field when nobody matches. */
export async function resolveMember(db: Kysely<DB>, ref: MemberRef, field = '/member'): Promise<Customer> {
  let id: number | undefined;
  if (ref.customerId != null) {
    id = ref.customerId;
  } else {
    const memberNo = ref.memberNo?.trim() || null;
    let phone: string | null = null;
    if (ref.phone?.trim()) {
      phone = normalizePhone(ref.phone);
      if (!phone) throw invalid(`${field}/phone`, `not a phone number: ${ref.phone}`);
    }
    if (!memberNo && !phone) throw invalid(field, 'name the member by customerId, memberNo or phone');
    const ids = await findByRefs(db, [{ memberNo, phone }]);
    id = (memberNo ? ids.get(`m:${memberNo}`) : undefined) ?? (phone ? ids.get(`p:${phone}`) : undefined);
  }
  let c = id === undefined ? undefined : await getCustomer(db, id);
  if (c?.mergedIntoId != null) c = await getCustomer(db, c.mergedIntoId);
  if (!c) throw notFound('member', field);
  return c;
}

/** Load what pricing and committing need to know about a member on business date `date` (in `zone`). */
export async function loadMember(db: Kysely<DB>, customer: Customer, ladder: TierLadder, date: string, zone: string): Promise<LoadedMember> {
  const [stored, activity, ledger] = await Promise.all([memberTier(db, customer.id), memberActivity(db, customer.id), loadLedger(db, customer.id)]);
  const enrolledOn = stored?.enrolledOn ?? businessDate(customer.registeredAt ?? customer.createdAt, zone);
  const state = stored?.state ?? null;
  const code = state && ladder.tiers.some((t) => t.code === state.tierCode) ? state.tierCode
    : evaluateTier({ state: null, enrolledOn, activity }, ladder, date).to;
  return { customer, state, enrolledOn, tier: ladder.tiers.find((t) => t.code === code)!, activity, ledger, balances: balances(ledger, date) };
}
