import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAutoIssueRules } from '../promotions/auto-issue.ts';
import { birthdayIssues, birthdayMonthDays, upcomingBirthday } from './birthdays.ts';
import { parseLadder } from './tiers.ts';

test('upcomingBirthday: on or after the date, within the lead days; across the new year; 29 Feb', () => {
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-14', 7), '2024-06-20'); // 6 days ahead
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-14', 5), null);
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-20', 0), '2024-06-20'); // the day itself
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-21', 7), null); // just past: next one is a year away
  assert.equal(upcomingBirthday('1985-01-02', '2024-12-28', 7), '2025-01-02');
  assert.equal(upcomingBirthday('2000-02-29', '2023-02-28', 0), '2023-02-28'); // common year
  assert.equal(upcomingBirthday('2000-02-29', '2024-02-28', 0), null); // leap year: the 29th
  assert.equal(upcomingBirthday('2000-02-29', '2024-02-29', 0), '2024-02-29');
});

test('upcomingBirthday with catch-up days: a birthday just past is still reached, across the new year too', () => {
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-23', 0, 3), '2024-06-20'); // 3 days past
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-24', 0, 3), null); // 4 days past
  assert.equal(upcomingBirthday('1990-06-20', '2024-06-14', 7, 3), '2024-06-20'); // ahead, as without catch-up
  assert.equal(upcomingBirthday('1985-12-30', '2025-01-02', 0, 7), '2024-12-30'); // last year's, 3 days past
  assert.equal(upcomingBirthday('2000-02-29', '2023-03-02', 0, 2), '2023-02-28'); // common year: the 28th, 2 days past
});

test('birthdayMonthDays: the window, with 29 Feb beside 28 Feb in common years only', () => {
  assert.deepEqual(birthdayMonthDays('2024-12-30', 3), ['01-01', '01-02', '12-30', '12-31']);
  assert.deepEqual(birthdayMonthDays('2023-02-27', 1), ['02-27', '02-28', '02-29']);
  assert.deepEqual(birthdayMonthDays('2024-02-27', 1), ['02-27', '02-28']);
  assert.deepEqual(birthdayMonthDays('2025-01-02', 0, 3), ['01-01', '01-02', '12-30', '12-31']); // reaching back
});

test('birthdayIssues: rules by lead days and tier, the tier gift, dedupe keys with the birthday year', () => {
  const rules = parseAutoIssueRules([
    { id: 'bd', event: 'birthday', templateId: 'CAKE', leadDays: 7 },
    { id: 'bd-gold', event: 'birthday', templateId: 'GOLD', tiers: ['gold'] },
    { id: 'buy', event: 'purchase', templateId: 'NEXT' },
  ]);
  const ladder = parseLadder({ tiers: [{ code: 'normal', name: '普卡' }, { code: 'gold', name: '金卡', criteria: { growth: 1000 }, benefits: { birthdayGift: 'GIFT' } }], birthdayGiftLeadDays: 3 });
  const member = { id: '7', birthDate: '1985-01-02', tierCode: 'gold' };
  // 2024-12-28: the birthday 2025-01-02 is 5 days away — inside 'bd' (7), outside 'bd-gold' (0) and the gift (3).
  assert.deepEqual(birthdayIssues(member, rules, ladder, '2024-12-28').map((d) => d.dedupeKey), ['bd:7:2025']);
  // 2024-12-30: 3 days away — the gift too.
  assert.deepEqual(birthdayIssues(member, rules, ladder, '2024-12-30').map((d) => [d.templateId, d.dedupeKey]), [['CAKE', 'bd:7:2025'], ['GIFT', 'tier-birthday-gift:7:2025']]);
  // On the day, all three; an entry-tier member gets neither the gold rule nor the gift.
  assert.deepEqual(birthdayIssues(member, rules, ladder, '2025-01-02').map((d) => d.templateId), ['CAKE', 'GOLD', 'GIFT']);
  assert.deepEqual(birthdayIssues({ ...member, tierCode: 'normal' }, rules, ladder, '2025-01-02').map((d) => d.templateId), ['CAKE']);
  assert.deepEqual(birthdayIssues(member, rules, ladder, '2025-01-03'), []);
  // With 2 catch-up days, 2025-01-04 still reaches the 2025-01-02 birthday: every coupon, keyed to 2025 (so given once).
  assert.deepEqual(birthdayIssues(member, rules, ladder, '2025-01-04', 2).map((d) => d.dedupeKey), ['bd:7:2025', 'bd-gold:7:2025', 'tier-birthday-gift:7:2025']);
  // …but not for a member who enrolled after that birthday; an upcoming one is theirs whenever they joined.
  assert.deepEqual(birthdayIssues({ ...member, enrolledOn: '2025-01-03' }, rules, ladder, '2025-01-04', 2), []);
  assert.deepEqual(birthdayIssues({ ...member, enrolledOn: '2024-12-28' }, rules, ladder, '2024-12-28', 2).map((d) => d.dedupeKey), ['bd:7:2025']);
});
