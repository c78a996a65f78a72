// Load the loyalty settings in force (latest version of each kind, defaults where none is saved) and
// the promotion catalogue; save new versions. Every checkout needs both: on SQLite they are kept in
// the process until a write may have changed them (`cachedRead`); parsing JSON through zod costs more
// than reading it, so parsed values are also memoised by their exact text (a new version is new text).
import type { Kysely } from 'kysely';
import { AppError, invalid } from '../../domain/errors.ts';
import { DEFAULT_EARN_RULES, type EarnRules } from '../../domain/loyalty/earn-rules.ts';
import { DEFAULT_LADDER, DEFAULT_POLICY, parseEarnRules, parsePolicy, templatesNamed, type LoyaltyPolicy } from '../../domain/loyalty/settings.ts';
import { parseLadder, type TierLadder } from '../../domain/loyalty/tiers.ts';
import { parsePromotion, type Promotion } from '../../domain/promotions/definitions.ts';
import type { QuoteSettings } from '../../domain/promotions/quote.ts';
import { latestConfig, listPromotions, saveConfigVersion, savePromotion, type ConfigKind } from '../../store/loyalty-config.repo.ts';
import { cachedRead } from '../../store/db.ts';
import type { DB } from '../../store/schema.ts';

export interface LoyaltySettings {
  versions: Record<ConfigKind, number>;
  ladder: TierLadder;
  earn: EarnRules;
  policy: LoyaltyPolicy;
  quote: QuoteSettings;
}

const memo = new Map<string, unknown>();
function parsedOnce<T>(kind: string, text: string, parse: (v: unknown) => T): T {
  const key = `${kind}\u0000${text}`;
  let v = memo.get(key) as T | undefined;
  if (v === undefined) {
    v = parse(JSON.parse(text));
    if (memo.size > 500) memo.clear();
    memo.set(key, v);
  }
  return v;
}

/** The settings in force (shared: read-only). */
export function loadSettings(db: Kysely<DB>): Promise<LoyaltySettings> {
  return cachedRead(db, 'loyalty-settings', () => readSettings(db));
}

async function readSettings(db: Kysely<DB>): Promise<LoyaltySettings> {
  const cfg = await latestConfig(db);
  const ladderRow = cfg.get('tiers'), earnRow = cfg.get('earn'), policyRow = cfg.get('policy');
  const ladder = ladderRow ? parsedOnce('tiers', ladderRow.body, parseLadder) : DEFAULT_LADDER;
  const earn = earnRow ? parsedOnce('earn', earnRow.body, parseEarnRules) : DEFAULT_EARN_RULES;
  const policy = policyRow ? parsedOnce('policy', policyRow.body, parsePolicy) : DEFAULT_POLICY;
  return {
    versions: { tiers: ladderRow?.version ?? 0, earn: earnRow?.version ?? 0, policy: policyRow?.version ?? 0 },
    ladder, earn, policy,
    quote: {
      earn, payment: policy.payment, maxCouponsPerOrder: policy.maxCouponsPerOrder,
      growth: { growthPerUnit: ladder.growthPerUnit, unitMinor: ladder.unitMinor },
    },
  };
}

export interface StoredPromotion { promotion: Promotion; version: number; updatedAt: string }

/** Every promotion and coupon template, parsed (shared: read-only). */
export function loadPromotions(db: Kysely<DB>): Promise<StoredPromotion[]> {
  return cachedRead(db, 'promotions', async () => (await listPromotions(db)).map((r) => ({ promotion: parsedOnce('promotion', r.body, parsePromotion), version: r.version, updatedAt: r.updatedAt })));
}

type By = { actor: string | null; now: string };

/** Validate and save a new version of one kind of setting; returns the version and the parsed value. */
export async function saveSettings(db: Kysely<DB>, kind: ConfigKind, body: unknown, by: By): Promise<{ version: number; value: unknown }> {
  const value = kind === 'tiers' ? parseLadder(body) : kind === 'earn' ? parseEarnRules(body) : parsePolicy(body);
  if (kind === 'policy') await checkTemplates(db, templatesNamed(value as LoyaltyPolicy));
  if (kind === 'tiers') {
    await checkTemplates(db, (value as TierLadder).tiers.flatMap((t, i) => (t.benefits.birthdayGift === null ? [] : [{ field: `tiers/${i}/benefits/birthdayGift`, templateId: t.benefits.birthdayGift }])));
  }
  // The raw body is stored (defaults stay defaults, so a later change of a default reaches it).
  const version = await saveConfigVersion(db, kind, body, by);
  return { version, value };
}

async function checkTemplates(db: Kysely<DB>, named: { field: string; templateId: string }[]): Promise<void> {
  if (named.length === 0) return;
  const templates = new Set((await loadPromotions(db)).filter((p) => p.promotion.coupon).map((p) => p.promotion.id));
  const missing = named.find((n) => !templates.has(n.templateId));
  if (missing) throw invalid(missing.field, `no coupon template ${missing.templateId}; save the template first`);
}

/** Save a promotion or coupon template under its id. */
export async function savePromotionDefinition(db: Kysely<DB>, id: string, body: unknown, by: By): Promise<StoredPromotion> {
  const promotion = parsePromotion(body);
  if (promotion.id !== id) throw invalid('id', `the body's id ${promotion.id} differs from ${id}`);
  const existing = (await loadPromotions(db)).find((p) => p.promotion.id === id);
  if (existing && existing.promotion.coupon !== promotion.coupon) {
    throw new AppError('CONFLICT', `${id} is ${existing.promotion.coupon ? 'a coupon template' : 'a promotion'}; it cannot change into the other`, { field: 'coupon' });
  }
  const version = await savePromotion(db, { id, body, coupon: promotion.coupon, active: promotion.active }, by);
  return { promotion, version, updatedAt: by.now };
}
