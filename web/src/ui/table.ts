// A table is the one shape every chart is drawn from: the table view, CSV export and the chart all
// read the same columns and rows, so what is exported is what is shown.
export interface Column { key: string; label: string; format?: (v: unknown) => string; numeric?: boolean }
export type Row = Record<string, string | number | null>;
export interface Table { columns: Column[]; rows: Row[] }

const csvCell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with a BOM so Excel opens Chinese text correctly; raw values (not locale-formatted). */
export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function download(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
