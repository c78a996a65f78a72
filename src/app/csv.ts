// CSV output shared by exports, reject files and the import API.

export type Cell = string | number | null;

/** One CSV line (RFC 4180 quoting, only where needed). */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((v) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',')}\n`;
}
