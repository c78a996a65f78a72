// Row types: the database's shape, snake_case, as Kysely sees it. Domain types live in src/domain;
// the *.repo.ts files map between the two. Booleans are 0/1 integers (portable to SQLite); instants
// are UTC ISO text; business dates YYYY-MM-DD text; money integer minor units; JSON as text.

export interface StoreRow { id: number; code: string; name: string; time_zone: string; currency: string; format: string | null; city: string | null; created_at: string }

export interface StaffUserRow {
  id: number; username: string; display_name: string; password_hash: string;
  role: string; /** JSON array of store ids, or null for every store. */ store_ids: string | null;
  staff_code: string | null; disabled: number; created_at: string;
}
export interface SessionRow { id: string; user_id: number; created_at: string; expires_at: string }
export interface ApiTokenRow { id: number; name: string; token_hash: string; role: string; store_ids: string | null; created_at: string; revoked_at: string | null }

export interface CustomerRow {
  id: number; member_no: string | null; phone: string | null; name: string | null; gender: string;
  birth_date: string | null; city: string | null; region: string | null; home_store_id: number | null;
  guide_code: string | null; registered_at: string | null; registration_channel: string | null;
  referrer_id: number | null; attributes: string; merged_into_id: number | null;
  created_at: string; updated_at: string;
}
export interface ConsentRow { customer_id: number; channel: string; granted: number; at: string; source: string }

export interface ProductRow {
  id: number; sku: string; name: string | null; category: string | null; brand: string | null;
  list_price_minor: number | null; unit_cost_minor: number | null; kind: string; created_at: string;
}

export interface OrderRow {
  id: number; source: string; external_id: string; store_id: number; customer_id: number | null;
  placed_at: string; business_date: string; channel: string;
  gross_minor: number; discount_minor: number; net_minor: number; cost_minor: number | null;
  items: number; line_count: number; content_hash: string; import_id: number | null; created_at: string;
}
export interface OrderLineRow {
  order_id: number; line_no: number; product_id: number | null; sku: string | null; name: string | null;
  category: string | null; quantity: number; unit_price_minor: number; gross_minor: number;
  discount_minor: number; net_minor: number; cost_minor: number | null; kind: string;
}
export interface ReturnRow {
  id: number; source: string; external_id: string; order_id: number | null; store_id: number;
  customer_id: number | null; returned_at: string; business_date: string; amount_minor: number;
  items: number; reason: string | null; content_hash: string; import_id: number | null; created_at: string;
}
export interface ReturnLineRow {
  return_id: number; line_no: number; order_line_no: number | null; sku: string | null; category: string | null;
  quantity: number; amount_minor: number; kind: string;
}

/** Per-customer facts kept current as orders and returns arrive (see domain/customers/summary.ts). */
export interface CustomerSummaryRow {
  customer_id: number; first_purchase_at: string | null; last_purchase_at: string | null;
  first_purchase_date: string | null; last_purchase_date: string | null;
  orders: number; purchase_days: number; items: number;
  gross_minor: number; discount_minor: number; sales_minor: number; cost_minor: number; costed_sales_minor: number;
  returns: number; return_items: number; return_minor: number; net_minor: number; categories: number;
  weekend_orders: number; discounted_orders: number; previous_purchase_date: string | null;
}
export interface CustomerMonthRow { customer_id: number; month: string; orders: number; purchase_days: number; items: number; sales_minor: number; return_minor: number }
export interface CustomerDayRow { customer_id: number; business_date: string; orders: number; sales_minor: number }
export interface CustomerCategoryRow { customer_id: number; category: string; orders: number; items: number; sales_minor: number; first_date: string; last_date: string }

export interface ImportRunRow { id: number; kind: string; file_name: string; started_at: string; finished_at: string | null; report: string | null; actor: string | null }
export interface ImportRejectRow { import_id: number; line_no: number; reason: string; detail: string; raw: string }
export interface AuditRow { id: number; at: string; actor: string | null; action: string; entity: string; entity_id: string; details: string }
export interface IdempotencyRow { scope: string; key: string; request_hash: string; response: string; created_at: string }

/** A saved dynamic segment; `rule` is JSON (field, operator, value; all/any). */
export interface SegmentRow { id: number; name: string; description: string | null; rule: string; created_by: string | null; created_at: string; updated_at: string }
/** A custom tag rule; `rule` is JSON like a segment's. */
export interface TagRuleRow { id: number; name: string; label: string | null; rule: string; enabled: number; created_by: string | null; created_at: string; updated_at: string }
/** Which segment of a scheme ('rfm', 'pyramid', 'saved:12', …) a customer was in as of a date. */
export interface SegmentSnapshotRow { scheme: string; as_of: string; customer_id: number; segment: string }
/** A fitted model; `params` and `details` are JSON. */
export interface ModelFitRow {
  id: number; kind: string; calibration_end: string; period: string; fitted_at: string;
  params: string; log_lik: number | null; customers: number; details: string;
}

// Loyalty (migration 0007). Order ids are kept as text where the pure domain refers to them.
/** One saved version of a kind of loyalty setting ('tiers', 'earn', 'policy'); `body` is JSON. */
export interface LoyaltyConfigRow { kind: string; version: number; body: string; created_at: string; created_by: string | null }
export interface MemberTierRow { customer_id: number; tier_code: string; since: string; review_on: string; /** JSON TierOverride */ override: string | null; enrolled_on: string; updated_at: string }
export interface TierHistoryRow { id: number; customer_id: number; at: string; business_date: string; action: string; from_tier: string | null; to_tier: string; /** JSON Reason[] */ reasons: string; actor: string | null }
/** Growth value and tier metrics per member and business date. */
export interface MemberActivityRow { customer_id: number; business_date: string; spend_minor: number; orders: number; interactions: number; growth: number }
export interface PointsLotRow {
  customer_id: number; lot_no: number; origin: string; points: number; created_at: string; available_on: string; expires_on: string | null;
  order_id: string | null; /** JSON LotLine[] */ lines: string;
}
export interface PointsEntryRow {
  customer_id: number; entry_no: number; lot_no: number | null; kind: string; points: number; at: string; business_date: string;
  order_id: string | null; op_id: string | null; line_no: number | null; note: string | null;
}
/** A promotion or coupon template (coupon = 1); `body` is the validated JSON. */
export interface PromotionRow { id: string; body: string; coupon: number; active: number; version: number; updated_at: string; updated_by: string | null }
/** Uses and discount given; customer_id 0 is the promotion-wide row. */
export interface PromotionUsageRow { promotion_id: string; customer_id: number; uses: number; spent_minor: number }
export interface CouponRow {
  code: string; template_id: string; customer_id: number | null; multi_use: number; issued_at: string; valid_from: string; valid_to: string;
  status: string; used_order_id: string | null; reserved_by: string | null; reserved_until: string | null;
  issued_order_id: string | null; dedupe_key: string | null;
}
export interface ReferralCodeRow { customer_id: number; code: string }
/** A device a member registered from (0013): a newcomer on one of the referrer's devices is self-referral. */
export interface MemberDeviceRow { customer_id: number; device_id: string; first_seen_at: string }
export interface ReferralRow { referee_id: number; referrer_id: number; bound_on: string; rewarded_order_id: string | null; rewarded_on: string | null }
export interface CheckoutRow {
  idempotency_key: string; request_hash: string; order_id: number; customer_id: number | null;
  /** JSON: the request, and the response replays get (with the Quote it was committed at). */ request: string; response: string; created_at: string;
}
export interface CheckoutReturnRow { order_id: number; external_id: string; request_hash: string; return_id: number; response: string; created_at: string }

export interface DB {
  stores: StoreRow;
  staff_users: StaffUserRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  customers: CustomerRow;
  customer_consents: ConsentRow;
  products: ProductRow;
  orders: OrderRow;
  order_lines: OrderLineRow;
  returns: ReturnRow;
  return_lines: ReturnLineRow;
  customer_summary: CustomerSummaryRow;
  customer_month: CustomerMonthRow;
  customer_day: CustomerDayRow;
  customer_category: CustomerCategoryRow;
  import_runs: ImportRunRow;
  import_rejects: ImportRejectRow;
  audit_log: AuditRow;
  idempotency_keys: IdempotencyRow;
  segments: SegmentRow;
  tag_rules: TagRuleRow;
  segment_snapshots: SegmentSnapshotRow;
  model_fits: ModelFitRow;
  loyalty_config: LoyaltyConfigRow;
  member_tiers: MemberTierRow;
  tier_history: TierHistoryRow;
  member_activity: MemberActivityRow;
  points_lots: PointsLotRow;
  points_entries: PointsEntryRow;
  promotions: PromotionRow;
  promotion_usage: PromotionUsageRow;
  coupons: CouponRow;
  referral_codes: ReferralCodeRow;
  referrals: ReferralRow;
  member_devices: MemberDeviceRow;
  checkouts: CheckoutRow;
  checkout_returns: CheckoutReturnRow;
  referral_clawbacks: ReferralClawbackRow;
}

/** Migration 0010: referral rewards taken back, one row per referee. */
export interface ReferralClawbackRow {
  referee_id: number; order_id: string; return_id: number; business_date: string; at: string;
  referrer_points: number; referee_points: number; shortfall: number;
}

// Report aggregates (migration 0009): small tables kept as sales arrive, read by /api/stats and the reports.
export interface SalesDayRow { business_date: string; store_id: number; channel: string; orders: number; member_orders: number; order_lines: number; sales_minor: number; discount_minor: number; items: number }
export interface ReturnsDayRow { business_date: string; store_id: number; returns: number; member_returns: number; return_lines: number; return_minor: number }
/** grain 'month' | 'quarter' | 'year'; cohort and period are period indexes (domain/analytics/period.ts). */
export interface CohortCellRow { grain: string; cohort: number; period: number; customers: number }
/** span 'all' | 'YYYY-MM'; kind 'orders' | 'first' | 'second' | 'gap' (domain/analytics/repurchase-cells.ts); day '' unless kind 'first'. */
export interface RepurchaseCellRow { span: string; kind: string; day: string; value: number; customers: number }
/** categories: a JSON array of the merchandise categories bought on the visit. */
export interface CustomerVisitRow { customer_id: number; business_date: string; store_id: number; channel: string; categories: string }
/** See domain/analytics/overview-cells.ts; day and until are '' except in 'run' cells. */
export interface OverviewCellRow { span: string; kind: string; slice: string; day: string; until: string; customers: number }
// Declaration merging keeps the additions in one place at the end of the file.
export interface DB {
  sales_day: SalesDayRow; returns_day: ReturnsDayRow; cohort_cells: CohortCellRow; repurchase_cells: RepurchaseCellRow;
  customer_visit: CustomerVisitRow; overview_cells: OverviewCellRow;
}
