// Small builders for orders and returns in tests.
import { lineAmount } from '../../src/domain/money.ts';
import type { OrderInput, OrderLineInput, ReturnInput } from '../../src/domain/orders/types.ts';
import { businessDate } from '../../src/domain/time.ts';

export function line(sku: string, quantity: number, unitPriceMinor: number, opts: Partial<OrderLineInput> = {}): OrderLineInput {
  const grossMinor = lineAmount(unitPriceMinor, quantity);
  const discountMinor = opts.discountMinor ?? 0;
  return { sku, name: `item ${sku}`, category: opts.category ?? `cat-${sku.slice(0, 1)}`, quantity, unitPriceMinor, grossMinor, discountMinor,
    netMinor: grossMinor - discountMinor, costMinor: null, kind: 'merchandise', ...opts };
}

export function order(externalId: string, memberNo: string | null, placedAt: string, lines: OrderLineInput[], opts: Partial<OrderInput> = {}): OrderInput {
  return { source: 'test', externalId, storeCode: 'S1', customer: memberNo ? { memberNo, phone: null } : null, placedAt,
    businessDate: businessDate(placedAt, 'Asia/Shanghai'), channel: 'store', lines, ...opts };
}

export function ret(externalId: string, orderExternalId: string | null, memberNo: string | null, returnedAt: string, amountMinor: number, opts: Partial<ReturnInput> = {}): ReturnInput {
  return { source: 'test', externalId, orderExternalId, storeCode: 'S1', customer: memberNo ? { memberNo, phone: null } : null, returnedAt,
    businessDate: businessDate(returnedAt, 'Asia/Shanghai'), reason: null,
    lines: [{ sku: 'A1', quantity: 1, amountMinor, orderLineNo: 1, kind: 'merchandise', category: 'cat-A' }], ...opts };
}
