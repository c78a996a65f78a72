// Worker thread for the segments' side reads (segments-behaviour.repo.ts, loadSideReads): the compiled
// category-preference statements and the customers' profile, over its own read-only connection to the
// store's file, while the main thread reads the facts. Rows go back per tag; the profile as columns,
// its typed arrays transferred. Only better-sqlite3 is loaded here, so it starts fast.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { profileBuilder, type Profiles } from './segments-profile.ts';
import type { Cell } from './segments-read.ts';

interface Statement { sql: string; parameters: unknown[] }
export interface SideJob { file: string; categories: (Statement & { tag: string })[]; profile: Statement | null }
export interface SideRows { categories: { tag: string; rows: [number, number][] }[]; profile: Profiles | null }

const { file, categories, profile } = workerData as SideJob;
const handle = new Database(file, { readonly: true, fileMustExist: true });
try {
  let profiles: Profiles | null = null;
  if (profile) {
    const builder = profileBuilder();
    for (const row of handle.prepare(profile.sql).raw(true).iterate(...profile.parameters)) builder.add(row as Cell[]);
    profiles = builder.finish();
  }
  const out: SideRows = { categories: categories.map((q) => ({ tag: q.tag, rows: handle.prepare(q.sql).raw(true).all(...q.parameters) as [number, number][] })), profile: profiles };
  parentPort!.postMessage(out, profiles ? [profiles.ids.buffer as ArrayBuffer, profiles.birthDate.buffer as ArrayBuffer, profiles.gender.buffer as ArrayBuffer] : []);
} finally {
  handle.close();
}
