// A business rule's "no" at commit time, as an AppError carrying the domain's reason (Chinese and
// English) and the request field it concerns. A coupon another checkout used or holds is a conflict
// with the current state (409); everything else is a refusal (422).
import { AppError } from '../../domain/errors.ts';
import type { Reason, ReasonCode } from '../../domain/loyalty/reasons.ts';

const STATE_CONFLICTS = new Set<ReasonCode>(['COUPON_USED', 'COUPON_RESERVED']);

export function refusal(r: Reason, field: string): AppError {
  return new AppError(STATE_CONFLICTS.has(r.code) ? 'CONFLICT' : 'REFUSED', r.en, { field, details: { reason: r } });
}
