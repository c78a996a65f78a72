import { createHash } from 'node:crypto';
import type { OrderInput, ReturnInput } from '../domain/orders/types.ts';

// What makes two submissions of the same external id "the same": everything but the source and id.
export function orderHash(o: OrderInput): string {
  return digest([o.storeCode, o.customer?.memberNo ?? '', o.customer?.phone ?? '', o.placedAt, o.channel,
    ...o.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.grossMinor, l.discountMinor, l.netMinor, l.costMinor, l.kind].join('\u0001'))]);
}

export function returnHash(r: ReturnInput): string {
  return digest([r.storeCode, r.orderExternalId ?? '', r.customer?.memberNo ?? '', r.customer?.phone ?? '', r.returnedAt,
    ...r.lines.map((l) => [l.sku, l.quantity, l.amountMinor, l.orderLineNo, l.kind].join('\u0001'))]);
}

function digest(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('\u0002')).digest('base64url');
}
