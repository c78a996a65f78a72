// The shared public datasets live beside the project (never in it): $REGULARS_DATASETS or ../shared/datasets.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DATASETS = process.env.REGULARS_DATASETS ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'datasets');

/** The dataset file's path, or a skip message saying where it was looked for. */
export function dataset(...parts: string[]): { path: string; skip: string | false } {
  const path = join(DATASETS, ...parts);
  return { path, skip: existsSync(path) ? false : `dataset not found at ${path} (set REGULARS_DATASETS)` };
}
