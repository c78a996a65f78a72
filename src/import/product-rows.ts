// One record of a products file → a ProductInput or a RowIssue. A product needs a SKU; category
// levels (大类/中类/小类) are joined with '/'.
import type { ProductInput } from '../domain/customers/types.ts';
import { parseMinor } from '../domain/money.ts';
import type { ColumnIndex } from './headers.ts';
import type { SourceRecord } from './order-rows.ts';
import type { RowIssue } from './rows.ts';
import { cleanId } from './values.ts';

export type ProductResult = { ok: true; lineNo: number; raw: string; product: ProductInput } | { ok: false; issue: RowIssue };

export function createProductRowMapper(cols: ColumnIndex, { currencyDigits = 2 }: { currencyDigits?: number } = {}): (rec: SourceRecord) => ProductResult {
  const levels = [cols.category1, cols.category2, cols.category3].filter((i) => i !== undefined);
  return (rec) => {
    const f = rec.fields;
    const get = (i: number | undefined): string => (i === undefined ? '' : (f[i] ?? '').trim());
    const fail = (reason: RowIssue['reason'], detail: string): ProductResult =>
      ({ ok: false, issue: { lineNo: rec.lineNo, raw: rec.raw, reason, detail } });
    if (rec.error) return fail('malformed_line', rec.error);
    const sku = cleanId(get(cols.sku));
    if (!sku) return fail('missing_sku', 'no SKU');
    const money = (field: string): number | null | RowIssue['reason'] => {
      const text = get(cols[field]);
      if (text === '') return null;
      const v = parseMinor(text, currencyDigits);
      return v === null ? 'invalid_price' : v < 0 ? 'negative_price' : v;
    };
    const listPrice = money('listPrice');
    if (typeof listPrice === 'string') return fail(listPrice, `list price "${get(cols.listPrice)}"`);
    const unitCost = money('unitCost');
    if (typeof unitCost === 'string') return fail(unitCost, `unit cost "${get(cols.unitCost)}"`);
    const category = levels.length > 0
      ? levels.map((i) => get(i)).filter((s) => s !== '').join('/') || null
      : get(cols.category) || null;
    return {
      ok: true,
      lineNo: rec.lineNo,
      raw: rec.raw,
      product: {
        sku, name: get(cols.name) || null, category, brand: get(cols.brand) || null,
        listPriceMinor: listPrice, unitCostMinor: unitCost,
      },
    };
  };
}
