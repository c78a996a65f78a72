// Worker thread: runs the compiled category-preference statements (segments-behaviour.repo.ts) over its
// own read-only connection to the store's file, while the main thread reads the facts, and posts the
// [customer id, orders] rows back per tag. Only better-sqlite3 is loaded here, so it starts fast.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CategoryJob { file: string; queries: { tag: string; sql: string; parameters: unknown[] }[] }
export type CategoryRows = { tag: string; rows: [number, number][] }[];

const { file, queries } = workerData as CategoryJob;
const handle = new Database(file, { readonly: true, fileMustExist: true });
try {
  const out: CategoryRows = queries.map((q) => ({ tag: q.tag, rows: handle.prepare(q.sql).raw(true).all(...q.parameters) as [number, number][] }));
  parentPort!.postMessage(out);
} finally {
  handle.close();
}
