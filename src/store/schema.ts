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
}
