// The readers against the real shared datasets (skipped when they are not there). Every expected
// number below was counted independently of this code, with the commands quoted beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnReport } from './headers.ts';
import { readImport } from './read-import.ts';

const DATASETS = process.env.REGULARS_DATASETS ?? join(import.meta.dirname, '../../../shared/datasets');

test('UCI Online Retail: every one of the 541,909 lines gives one result; quirks counted', async (t) => {
  const file = join(DATASETS, 'online_retail/online_retail.csv.gz');
  if (!existsSync(file)) return t.skip(`dataset not found at ${file} (set REGULARS_DATASETS)`);

  const lineNos = new Uint8Array(541911);
  const reasons: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const saleOrders = new Set<string>();
  const returnOrders = new Set<string>();
  let ok = 0, returnLines = 0, salesPence = 0, salesQty = 0, returnsPence = 0, returnsQty = 0, anonymous = 0;
  let columns: ColumnReport | null = null;
  for await (const b of readImport('orders', file, { zone: 'Europe/London', worker: true })) {
    columns = b.columns;
    for (const r of b.results) {
      const lineNo = r.ok ? r.row.lineNo : r.issue.lineNo;
      lineNos[lineNo]!++;
      if (!r.ok) {
        reasons[r.issue.reason] = (reasons[r.issue.reason] ?? 0) + 1;
        continue;
      }
      const row = r.row;
      ok++;
      kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
      if (row.memberNo === null) anonymous++;
      if (row.isReturn) {
        returnLines++;
        returnOrders.add(row.orderKey);
        returnsPence += row.grossMinor;
        returnsQty += row.quantity;
        assert.match(row.orderKey, /^C\d{6}$/);
      } else {
        saleOrders.add(row.orderKey);
        salesPence += row.grossMinor;
        salesQty += row.quantity;
      }
    }
  }
  t.diagnostic(`reject reasons: ${JSON.stringify(reasons)}`);
  t.diagnostic(`line kinds: ${JSON.stringify(kinds)}`);
  assert.ok(columns);
  assert.deepEqual(columns.found, {
    orderId: 'InvoiceNo', sku: 'StockCode', name: 'Description', quantity: 'Quantity', placedAt: 'InvoiceDate', unitPrice: 'UnitPrice', customer: 'CustomerID',
  });
  assert.deepEqual(columns.ignored, ['Country']);
  // Exactly one result per data line (lines 2..541,910).
  assert.equal(lineNos[0], 0);
  assert.equal(lineNos[1], 0);
  assert.ok(lineNos.subarray(2).every((n) => n === 1));

  // zcat online_retail.csv.gz | awk -F, 'NR>1 { n++; inv=$1; sku=$2; q=$(NF-4)+0; p=$(NF-2)+0;
  //   if (sku=="B" && inv ~ /^A/) { acc++; next }
  //   if (inv ~ /^C/) { if (q<0) { ret++; rinv[inv]=1 } else cpos++ } else if (q<0) { neg++; next }
  //   if (p==0) { zero++; next }  if (p<0) { negp++; next }
  //   ok++; if (inv !~ /^C/) sinv[inv]=1 } END { … }'
  // (fields counted from the end: descriptions hold commas, countries do not) gives
  // lines 541909, accounting 3, neg_outside 1336, zero 1179, negp 0, ok 539391, return lines 9288,
  // return invoices 3836, C invoices with a non-negative quantity 0, sale invoices 19959.
  // (README: 2,515 lines at price 0 = 1,179 + the 1,336 stock adjustments; the 2 negative prices
  // are bad-debt adjustments, counted as accounting_adjustment.)
  assert.deepEqual(reasons, { zero_price: 1179, negative_quantity_outside_return: 1336, accounting_adjustment: 3 });
  assert.equal(ok, 539391);
  assert.equal(ok + 1179 + 1336 + 3, 541909);
  assert.equal(returnLines, 9288);
  assert.equal(returnOrders.size, 3836);
  assert.equal(saleOrders.size, 19959);
  // Per-line rounding, checked with Python's Decimal (ROUND_HALF_UP) over the same accepted lines.
  assert.deepEqual([salesPence, salesQty, returnsPence, returnsQty], [1065562248, 5588375, 89681249, 277574]);
  assert.ok(anonymous > 0 && kinds.shipping! > 0 && kinds.fee! > 0 && kinds.manual! > 0 && kinds.discount! > 0 && kinds.voucher! > 0);
});

test('CDNOW master: no order id; one order per row; zero-value rows reported', async (t) => {
  const file = join(DATASETS, 'cdnow/cdnow_master_transactions.csv.gz');
  if (!existsSync(file)) return t.skip(`dataset not found at ${file} (set REGULARS_DATASETS)`);
  const read = async (zeroPrice: 'reject' | 'keep') => {
    let ok = 0, cds = 0, cents = 0;
    const keys = new Set<string>();
    const customers = new Set<string>();
    const reasons: Record<string, number> = {};
    for await (const b of readImport('orders', file, { zone: 'America/New_York', zeroPrice })) {
      for (const r of b.results) {
        if (!r.ok) {
          reasons[r.issue.reason] = (reasons[r.issue.reason] ?? 0) + 1;
          continue;
        }
        ok++;
        keys.add(r.row.orderKey);
        customers.add(r.row.memberNo!);
        cds += r.row.quantity;
        cents += r.row.grossMinor;
      }
    }
    return { ok, keys: keys.size, customers: customers.size, cds, cents, reasons };
  };
  // README: 69,659 rows, 23,570 customers, USD 2,500,315.63, 167,881 CDs, 80 rows with dollar_value 0.
  // zcat cdnow_master_transactions.csv.gz | awk -F, 'NR>1 && $4+0>0 { c[$1]=1; n+=$3 } END { print length(c), n }'
  // gives 23502 customers and 167801 CDs on the rows with a value.
  assert.deepEqual(await read('reject'), { ok: 69579, keys: 69579, customers: 23502, cds: 167801, cents: 250031563, reasons: { zero_price: 80 } });
  assert.deepEqual(await read('keep'), { ok: 69659, keys: 69659, customers: 23570, cds: 167881, cents: 250031563, reasons: {} });
});
