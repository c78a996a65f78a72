// A member's segments, as promotion audiences name them, for pricing. Segments are computed in bulk and
// kept as snapshots (segment_snapshots, one per scheme and as-of date); a checkout reads, for each scheme
// some promotion in force asks about, the member's row in that scheme's latest snapshot on or before the
// sale's business date: two key lookups per scheme, and none at all when no audience names a segment.
//
// Names: `<scheme>:<segment>` — 'rfm:champions', 'retention:dormant', 'pyramid:platinum', 'abcd:A' — and,
// for a saved dynamic segment (scheme 'saved:<id>', its members marked 'member'), 'saved:<id>'.
import type { Kysely } from 'kysely';
import type { Promotion } from '../../domain/promotions/definitions.ts';
import type { DB } from '../../store/schema.ts';

/** The snapshot scheme an audience name refers to ('rfm:champions' → 'rfm', 'saved:12' → 'saved:12'). */
export function schemeOfAudience(name: string): string {
  const parts = name.split(':');
  return parts[0] === 'saved' ? parts.slice(0, 2).join(':') : parts[0]!;
}

export async function memberSegments(db: Kysely<DB>, customerId: number, promotions: readonly Promotion[], date: string): Promise<string[]> {
  const schemes = new Set(promotions.flatMap((p) => (p.audience.segments ?? []).map(schemeOfAudience)));
  const out: string[] = [];
  for (const scheme of [...schemes].sort()) {
    const latest = await db.selectFrom('segment_snapshots').select((eb) => eb.fn.max<string | null>('as_of').as('as_of'))
      .where('scheme', '=', scheme).where('as_of', '<=', date).executeTakeFirst();
    if (!latest?.as_of) continue;
    const row = await db.selectFrom('segment_snapshots').select('segment')
      .where('scheme', '=', scheme).where('as_of', '=', latest.as_of).where('customer_id', '=', customerId).executeTakeFirst();
    if (!row) continue;
    out.push(`${scheme}:${row.segment}`);
    if (scheme.startsWith('saved:')) out.push(scheme);
  }
  return out;
}
