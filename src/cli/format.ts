// Human-readable output helpers for the terminal.
import { formatMinor } from '../domain/money.ts';

export const money = (minor: number | null | undefined): string => (minor === null || minor === undefined ? '—' : formatMinor(minor));
export const int = (n: number): string => n.toLocaleString('en-US');

/** Align rows into columns. */
type Cell = string | number | null;
export function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells: string[][] = [head, ...rows].map((r) => r.map((c: Cell) => (c === null ? '' : String(c))));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ').trimEnd()).join('\n');
}

/** CJK characters take two terminal columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
