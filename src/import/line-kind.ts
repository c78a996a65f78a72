// Lines that are money without goods (postage, bank fees, manual adjustments, vouchers) are kept and
// classified, so that they count in revenue but not in items or categories. Codes from the UCI
// Online Retail file and common Chinese POS line names.
import type { LineKind } from '../domain/orders/types.ts';

const BY_SKU = new Map<string, LineKind>([
  ['POST', 'shipping'], ['DOT', 'shipping'], ['C2', 'shipping'],
  ['M', 'manual'], ['m', 'manual'],
  ['D', 'discount'],
  ['BANK CHARGES', 'fee'], ['AMAZONFEE', 'fee'], ['CRUK', 'fee'],
  ['S', 'sample'],
  ['PADS', 'merchandise'],
]);

const BY_NAME = new Map<string, LineKind>([
  ['运费', 'shipping'], ['邮费', 'shipping'], ['快递费', 'shipping'], ['配送费', 'shipping'],
  ['手续费', 'fee'], ['服务费', 'fee'], ['包装费', 'fee'],
  ['折扣', 'discount'], ['优惠', 'discount'], ['整单优惠', 'discount'], ['抹零', 'discount'],
  ['礼品卡', 'voucher'], ['代金券', 'voucher'], ['储值卡', 'voucher'],
]);

/** The kind of a line from its code and name: "POST" → shipping, "gift_0001_20" → voucher, else merchandise. */
export function classifyLine(sku: string | null, name: string | null): LineKind {
  // Length checks first: the tables hold short codes and names, most lines are long ones.
  const c0 = sku ? sku.charCodeAt(0) : 0;
  if (sku && sku.length <= 16 && (c0 < 48 || c0 > 57)) {
    const k = BY_SKU.get(sku);
    if (k) return k;
    if ((c0 | 32) === 103 && /^gift_\d+_\d+$/i.test(sku)) return 'voucher';
  }
  if (name && name.length <= 4) {
    const k = BY_NAME.get(name);
    if (k) return k;
  }
  return 'merchandise';
}

/** UCI's "Adjust bad debt" lines (invoice A…, StockCode B) are bookkeeping, not sales. */
export function isAccountingAdjustment(orderId: string, sku: string | null, name: string | null): boolean {
  return sku === 'B' && (/^A\d/.test(orderId) || /bad debt/i.test(name ?? ''));
}
