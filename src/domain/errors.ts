// One error class with a closed set of codes. The API maps codes to HTTP status in one place;
// the CLI prints `error[CODE]: message`. Expected outcomes (row issues, coupon reasons) are values.

export const ERROR_CODES = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  /** A business rule says no (points short, coupon expired): details carry the reason in Chinese and English. */
  REFUSED: 422,
  UNSUPPORTED: 415,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field at fault, named in problem+json (`/phone`, `lines/0/quantity`). */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, opts: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const notFound = (what: string, field?: string) => new AppError('NOT_FOUND', `${what} not found`, field ? { field } : {});
export const invalid = (field: string, message: string) => new AppError('VALIDATION', message, { field });
