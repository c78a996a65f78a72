// Shapes of the report endpoints (see /docs: RepurchaseReport, CohortReport, OverviewReport, CycleReport).
import { api } from './api.ts';
import type { ReportFilter } from './filters.ts';

export interface Figures {
  customers: number; newCustomers: number; returningCustomers: number; orders: number; memberOrders: number; salesMinor: number;
  discountMinor: number; items: number; avgOrderValueMinor: number | null; itemsPerOrder: number | null; crossSellCustomers: number;
  crossSellRate: number | null; members: number; activeMembers: number; dormantMembers: number; activeShare: number | null; dormantShare: number | null;
}
export interface Slice extends Figures { key: string }
export interface OverviewReport {
  from: string | null; to: string | null; store: string | null; activeDays: number; dormantDays: number;
  total: Figures; byStore: Slice[]; byChannel: Slice[]; bySegment: Slice[] | null; byMonth: Slice[];
}
export interface RepurchaseReport {
  from: string | null; to: string | null; customers: number; orders: number; repeatCustomers: number; repurchaseRate: number | null;
  ordersPerRepeatCustomer: number | null; withinDays: number; withinRate: number | null; meanCycleDays: number | null; medianCycleDays: number | null;
  cycleHistogram: { fromDays: number; toDays: number | null; count: number }[];
}
export interface CohortReport { grain: string; cohorts: { cohort: string; size: number; active: number[]; rates: number[] }[]; average: (number | null)[] }
export interface CycleReport { by: 'category' | 'sku'; items: { key: string; name: string | null; buyers: number; repeatBuyers: number; intervals: number; meanDays: number | null; medianDays: number | null }[] }

type Extra = Record<string, string | number | undefined>;
export const overview = (f: ReportFilter, extra: Extra = {}) => api<OverviewReport>('/api/reports/overview', { query: { ...f, ...extra } });
export const repurchase = (f: ReportFilter, extra: Extra = {}) => api<RepurchaseReport>('/api/reports/repurchase', { query: { ...f, ...extra } });
export const cohorts = (f: ReportFilter, by: string) => api<CohortReport>('/api/reports/cohorts', { query: { ...f, by } });
export const cycle = (f: ReportFilter, by: 'category' | 'sku', limit = 15) => api<CycleReport>('/api/reports/cycle', { query: { ...f, by, limit } });
