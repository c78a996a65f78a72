#!/usr/bin/env node
// Launcher: the CLI is TypeScript run natively by Node 24 (type stripping). Under an older system
// Node, re-run with the project's pinned Node 24 (node_modules/.bin/node).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'src', 'cli', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  // Imported, main.ts is not the entry module (its import.meta.main is false), so run it by hand.
  const { run } = await import(main);
  process.exitCode = await run(process.argv.slice(2));
} else {
  const node24 = join(root, 'node_modules', '.bin', 'node');
  const r = spawnSync(node24, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
