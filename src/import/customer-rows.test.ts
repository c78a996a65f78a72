import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvText } from './csv-parser.ts';
import { createCustomerRowMapper, parseGender } from './customer-rows.ts';
import { detectColumns } from './headers.ts';

const importedAt = '2024-06-01T00:00:00.000Z';

function mapText(text: string) {
  const [header, ...records] = parseCsvText(text);
  const cols = detectColumns('customers', header!.fields);
  return records.map(createCustomerRowMapper(cols.fields, cols.headers, { importedAt, source: 'import:members.csv' }));
}

test('a Chinese member list: gender, birthday, registration in the zone, consents, extra columns as attributes', () => {
  const r = mapText('会员卡号,姓名,性别,手机,生日,城市,省份,开卡门店,导购,注册时间,短信营销,微信营销,爱好\n' +
    'V0001,张三,女,138 0013 8000,1990/5/1,上海,上海,SH01,G07,2023-01-02 10:00,是,否,瑜伽\n')[0]!;
  assert.ok(r.ok);
  assert.deepEqual(r.customer, {
    memberNo: 'V0001', phone: '13800138000', name: '张三', gender: 'female', birthDate: '1990-05-01', city: '上海', region: '上海',
    homeStoreCode: 'SH01', guideCode: 'G07', registeredAt: '2023-01-02T02:00:00.000Z', registrationChannel: null, referrer: null,
    consents: [
      { channel: 'sms', granted: true, at: '2023-01-02T02:00:00.000Z', source: 'import:members.csv' },
      { channel: 'wechat', granted: false, at: '2023-01-02T02:00:00.000Z', source: 'import:members.csv' },
    ],
    attributes: { 爱好: '瑜伽' },
  });
  assert.equal(r.lineNo, 2);
});

test('a customer needs a member number or a phone; a bad phone is an issue; unreadable values go to attributes', () => {
  const rs = mapText('member_no,phone,birthday,sms_consent\n,,1990-01-01,Y\n,12,,\nM9,,autumn,maybe\n,+44 20 7946 0958,19851231,N\n');
  assert.deepEqual(rs.slice(0, 2).map((r) => (r.ok ? 'ok' : r.issue.reason)), ['missing_customer_key', 'invalid_phone']);
  const m9 = rs[2]!;
  const uk = rs[3]!;
  assert.ok(m9.ok && uk.ok);
  assert.deepEqual([m9.customer.birthDate, m9.customer.consents, m9.customer.attributes], [null, [], { birthday: 'autumn', sms_consent: 'maybe' }]);
  assert.deepEqual([uk.customer.phone, uk.customer.birthDate, uk.customer.consents[0]], ['+442079460958', '1985-12-31',
    { channel: 'sms', granted: false, at: importedAt, source: 'import:members.csv' }]);
});

test('gender words', () => {
  assert.deepEqual(['男', 'F', 'female', 'Male', '', '保密'].map(parseGender), ['male', 'female', 'female', 'male', 'unknown', 'unknown']);
});
