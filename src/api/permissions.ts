// Who may do what, as data. Routes name one action each (config.access); the auth hook looks the
// principal's role up here. Store scope is a second, separate check made where the store is known
// (posting an order, creating a user or token). Tests walk the role × route matrix independently.
import type { Principal, Role, StaffRole } from '../app/auth.ts';

const ALL_STAFF = ['owner', 'manager', 'clerk', 'analyst'] as const;

export const PERMISSIONS = {
  /** GET /api/auth/me, POST /api/auth/logout: staff sessions only. */
  'session': ALL_STAFF,
  /** Customer search and the 360 view (chain-wide: a regular of one store is a regular of the brand). */
  'customers:read': ALL_STAFF,
  /** Exact lookup by phone or member number at checkout. */
  'customers:lookup': [...ALL_STAFF, 'pos'],
  /** See phone numbers in full; everyone else gets 138****1234. */
  'customers:phone': ['owner', 'manager'],
  /** Merge duplicate customers (route to come). */
  'customers:merge': ['owner', 'manager'],
  /** Record orders and returns, in the principal's stores. */
  'sales:write': ['owner', 'manager', 'clerk', 'pos'],
  'catalog:read': ALL_STAFF,
  'stats:read': ['owner', 'manager', 'analyst'],
  /** File imports (route to come). */
  'imports:write': ['owner', 'manager'],
  /** Exports (route to come). */
  'exports:read': ['owner', 'manager', 'analyst'],
  /** Segment models, saved segments, members and their export. */
  'segments:read': ['owner', 'manager', 'analyst'],
  /** Save, change and delete dynamic segments and tag rules; take snapshots. */
  'segments:write': ['owner', 'manager', 'analyst'],
  /** Repurchase, retention and overview reports. */
  'reports:read': ['owner', 'manager', 'analyst'],
  /** Model results: CLV, churn, rules, recommendations, replenishment lists. */
  'models:read': ['owner', 'manager', 'analyst'],
  /** Fit models and store the fit. */
  'models:write': ['owner', 'manager', 'analyst'],
  /** Quote and commit checkouts, take returns of them, hold coupons, register members: the till's work, in the principal's stores. */
  'checkout:write': ['owner', 'manager', 'clerk', 'pos'],
  /** A member's points ledger, tier and coupons; the loyalty settings and promotions in force. */
  'loyalty:read': ['owner', 'manager', 'clerk', 'analyst'],
  /** Adjust points, set tiers by hand, issue coupons, run the expiry job (each audited or reasoned). */
  'loyalty:write': ['owner', 'manager'],
  /** Change the chain-wide loyalty settings: tier ladder, earning rules, policy, promotions and coupon templates. */
  'loyalty:configure': ['owner'],
  'users:read': ['owner', 'manager'],
  'users:write': ['owner', 'manager'],
  'tokens:read': ['owner', 'manager'],
  'tokens:write': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
/** What a route requires: nothing, or one action. Every route must say (see server.ts). */
export type Access = 'public' | Action;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Roles each role may give to the users it creates. Owners are made by the CLI only. */
export const GRANTABLE_ROLES: Readonly<Record<Role, readonly StaffRole[]>> = {
  owner: ['manager', 'clerk', 'analyst'],
  manager: ['clerk'],
  clerk: [],
  analyst: [],
  pos: [],
};

/** True when a scope (null = every store) lies within another. */
export function withinScope(inner: readonly number[] | null, outer: readonly number[] | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  return inner.every((id) => outer.includes(id));
}

/** True when the principal may act for the store. */
export const inScope = (p: Pick<Principal, 'storeIds'>, storeId: number): boolean => p.storeIds === null || p.storeIds.includes(storeId);
