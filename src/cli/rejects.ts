// The reject file: one CSV row per rejected input row — line number, reason, detail and the
// original line exactly as read — so nothing a store owner exported is ever silently lost.
import { createWriteStream, type WriteStream } from 'node:fs';
import { csvLine } from '../app/csv.ts';
import type { RowIssue } from '../import/rows.ts';

export interface RejectFile { path: string; count: number; write(issue: RowIssue): void; close(): Promise<void> }

/** Opens lazily: a clean import leaves no file behind. */
export function rejectFile(path: string): RejectFile {
  let out: WriteStream | null = null;
  const file: RejectFile = {
    path,
    count: 0,
    write(issue) {
      if (!out) {
        out = createWriteStream(path);
        out.write(`\ufeff${csvLine(['line', 'reason', 'detail', 'original'])}`);
      }
      out.write(csvLine([issue.lineNo, issue.reason, issue.detail, issue.raw]));
      file.count++;
    },
    close: () => new Promise<void>((resolve, reject) => (out ? out.end((e?: Error | null) => (e ? reject(e) : resolve())) : resolve())),
  };
  return file;
}
