// Movement between two snapshots of a scheme: how many customers went from each segment to each other.
// A customer missing from the earlier snapshot (no purchase yet, or not a member) comes from NOT_PRESENT;
// one missing from the later snapshot goes to it.

export const NOT_PRESENT = '(none)';

export interface Transitions {
  /** Row and column order: the given segment order, then any other names seen, then NOT_PRESENT. */
  segments: string[];
  /** counts[from][to], indexes into `segments`. */
  counts: number[][];
  /** The non-zero cells, largest first (ties by segment order). */
  moves: { from: string; to: string; count: number }[];
  /** Customers counted (in either snapshot). */
  customers: number;
}

export function transitionMatrix(from: ReadonlyMap<number, string>, to: ReadonlyMap<number, string>, order: readonly string[] = []): Transitions {
  const names = new Set(order);
  for (const m of [from, to]) for (const s of m.values()) names.add(s);
  names.delete(NOT_PRESENT);
  const segments = [...names, NOT_PRESENT];
  const index = new Map(segments.map((s, i) => [s, i]));
  const counts = segments.map(() => new Array<number>(segments.length).fill(0));
  const none = segments.length - 1;
  for (const [id, a] of from) counts[index.get(a)!]![to.has(id) ? index.get(to.get(id)!)! : none]!++;
  for (const [id, b] of to) if (!from.has(id)) counts[none]![index.get(b)!]!++;
  const moves = counts.flatMap((row, i) => row.flatMap((count, j) => (count ? [{ from: segments[i]!, to: segments[j]!, count, i, j }] : [])))
    .sort((x, y) => y.count - x.count || x.i - y.i || x.j - y.j)
    .map(({ from: f, to: t, count }) => ({ from: f, to: t, count }));
  return { segments, counts, moves, customers: moves.reduce((s, m) => s + m.count, 0) };
}
