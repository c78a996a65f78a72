// Why: `npm start` and the browser tests serve web/dist, which is built output (not committed). Build
// it when it is missing or older than its sources, so a fresh clone's first `npm start` shows the
// dashboard and later starts cost nothing. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'package-lock.json')];
const stale = process.argv.includes('--force') || !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newest));
if (stale) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const node24 = join(root, 'node_modules', '.bin', 'node');
  const r = spawnSync(existsSync(node24) ? node24 : process.execPath, [vite, 'build', web, '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
