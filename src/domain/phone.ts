// Mobile numbers are the usual customer key in China, written many ways on POS exports
// (+86 138 0013 8000, 0086-13800138000, 138-0013-8000). We store one canonical form.

const CN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalise a phone number: Chinese mobiles to their 11 digits, others to "+<digits>".
 * Returns null for text that holds no plausible number.
 * @example normalizePhone("+86 138-0013-8000") === "13800138000"
 */
export function normalizePhone(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  let digits = t.replace(/[\s\-().]/g, '');
  const plus = digits.startsWith('+');
  digits = digits.replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (CN_MOBILE.test(digits)) return digits;
  if (digits.length < 7 || digits.length > 15) return null;
  return plus ? `+${digits}` : digits;
}

/** Mask a phone for staff who may not see it in full: 13812341234 → 138****1234. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length <= 7) return phone.slice(0, 1) + '*'.repeat(Math.max(phone.length - 2, 0)) + phone.slice(-1);
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}
