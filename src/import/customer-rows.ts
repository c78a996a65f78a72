// One record of a customers file → a CustomerInput or a RowIssue. A customer needs a member number
// or a phone. Values that cannot be read (a birthday "秋天") are kept in attributes under their
// header rather than dropped, and so are all unrecognised columns.
import type { ConsentChannel, CustomerInput, Gender } from '../domain/customers/types.ts';
import { normalizePhone } from '../domain/phone.ts';
import { AppError } from '../domain/errors.ts';
import { DEFAULT_ZONE, isValidZone, parseLocalDateTime, type DateOrder } from '../domain/time.ts';
import type { ColumnIndex } from './headers.ts';
import type { SourceRecord } from './order-rows.ts';
import type { RowIssue } from './rows.ts';
import { cleanId, parseYesNo } from './values.ts';

export type CustomerResult = { ok: true; lineNo: number; raw: string; customer: CustomerInput } | { ok: false; issue: RowIssue };

export interface CustomerRowOptions {
  zone?: string;
  dateOrder?: DateOrder;
  /** UTC instant of the import: the date of consents when the file gives no registration time. */
  importedAt: string;
  /** Recorded as the consents' source, e.g. "import:members.csv". */
  source?: string;
}

const CONSENT_FIELDS: [string, ConsentChannel][] = [
  ['smsConsent', 'sms'], ['wechatConsent', 'wechat'], ['emailConsent', 'email'], ['phoneConsent', 'phone'], ['appPushConsent', 'app_push'],
];
const FEMALE = new Set(['女', '女性', '女士', 'f', 'female', 'w', 'woman', '2']);
const MALE = new Set(['男', '男性', '先生', 'm', 'male', 'man', '1']);

/** 男/M/male → male, 女/F/female → female, anything else unknown. */
export function parseGender(text: string): Gender {
  const t = text.trim().toLowerCase();
  return FEMALE.has(t) ? 'female' : MALE.has(t) ? 'male' : 'unknown';
}

/** A calendar date (birthday) in any of the date-time formats, as YYYY-MM-DD; null if unreadable. */
export function parseCalendarDate(text: string, order: DateOrder): string | null {
  const t = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  const iso = parseLocalDateTime(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : t, 'UTC', order);
  return iso ? iso.slice(0, 10) : null;
}

export function createCustomerRowMapper(cols: ColumnIndex, headers: readonly string[], {
  zone = DEFAULT_ZONE, dateOrder = 'ymd', importedAt, source = 'import',
}: CustomerRowOptions): (rec: SourceRecord) => CustomerResult {
  if (!isValidZone(zone)) throw new AppError('VALIDATION', `unknown time zone "${zone}" (an IANA name such as Asia/Shanghai)`, { field: 'zone' });
  const mapped = new Set(Object.values(cols));
  const extra = headers.map((h, i) => [h, i] as const).filter(([h, i]) => !mapped.has(i) && h !== '');
  return (rec) => {
    const f = rec.fields;
    const get = (i: number | undefined): string => (i === undefined ? '' : (f[i] ?? '').trim());
    const fail = (reason: RowIssue['reason'], detail: string): CustomerResult =>
      ({ ok: false, issue: { lineNo: rec.lineNo, raw: rec.raw, reason, detail } });
    if (rec.error) return fail('malformed_line', rec.error);

    const attributes: Record<string, string> = {};
    for (const [h, i] of extra) if (get(i) !== '') attributes[h] = get(i);
    const keep = (field: string): void => { attributes[headers[cols[field]!] ?? field] = get(cols[field]); };

    const memberNo = cleanId(get(cols.memberNo)) || null;
    const phoneText = get(cols.phone);
    let phone: string | null = null;
    if (phoneText !== '' && !phoneText.includes('*')) {
      phone = normalizePhone(phoneText);
      if (phone === null) return fail('invalid_phone', `phone "${phoneText}"`);
    }
    if (!memberNo && !phone) return fail('missing_customer_key', 'no member number or phone');

    let birthDate: string | null = null;
    if (get(cols.birthDate) !== '') {
      birthDate = parseCalendarDate(get(cols.birthDate), dateOrder);
      if (birthDate === null) keep('birthDate');
    }
    let registeredAt: string | null = null;
    if (get(cols.registeredAt) !== '') {
      registeredAt = parseLocalDateTime(get(cols.registeredAt), zone, dateOrder);
      if (registeredAt === null) keep('registeredAt');
    }
    const consents: CustomerInput['consents'] = [];
    for (const [field, channel] of CONSENT_FIELDS) {
      if (get(cols[field]) === '') continue;
      const granted = parseYesNo(get(cols[field]));
      if (granted === null) keep(field);
      else consents.push({ channel, granted, at: registeredAt ?? importedAt, source });
    }
    const referrerText = get(cols.referrer);
    return {
      ok: true,
      lineNo: rec.lineNo,
      raw: rec.raw,
      customer: {
        memberNo, phone, name: get(cols.name) || null, gender: parseGender(get(cols.gender)), birthDate,
        city: get(cols.city) || null, region: get(cols.region) || null, homeStoreCode: get(cols.homeStore) || null,
        guideCode: get(cols.guide) || null, registeredAt, registrationChannel: get(cols.registrationChannel) || null,
        referrer: referrerText ? normalizePhone(referrerText) ?? cleanId(referrerText) : null, consents, attributes,
      },
    };
  };
}
