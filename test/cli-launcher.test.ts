// bin/regulars.mjs, what `npx regulars` and a global install run: it must run the CLI under Node 24
// (where it imports main.ts, whose own `import.meta.main` check is then false) and under an older
// system Node (where it re-runs with the pinned Node 24), also when reached through a symlink.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const launcher = join(import.meta.dirname, '..', 'bin', 'regulars.mjs');
const help = (node: string, script: string) => spawnSync(node, [script, '--help'], { encoding: 'utf8' });

test('under Node 24 the launcher runs the CLI, directly and through a symlink (as npx links it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-bin-'));
  try {
    const link = join(dir, 'regulars');
    symlinkSync(launcher, link);
    for (const script of [launcher, link]) {
      const r = help(process.execPath, script);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Usage: regulars /);
    }
  } finally { rmSync(dir, { recursive: true }); }
});

test('an unknown option is a usage error with exit code 2, not a silent success', () => {
  const r = spawnSync(process.execPath, [launcher, '--no-such-option'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option '--no-such-option'/);
});

const system = spawnSync('/usr/bin/node', ['-p', 'process.versions.node'], { encoding: 'utf8' });
const olderNode = system.status === 0 && Number(system.stdout.split('.')[0]) < 24;
test('under an older system Node the launcher re-runs the CLI with the pinned Node 24', { skip: olderNode ? false : 'no Node older than 24 at /usr/bin/node' }, () => {
  const r = help('/usr/bin/node', launcher);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Usage: regulars /);
});
