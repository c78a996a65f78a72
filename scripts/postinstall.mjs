// Why: the project runs on Node 24 (from the pinned `node` dev dependency) while `npm install` may be
// run by an older system Node. better-sqlite3 is a native addon, so it must be compiled for Node 24's
// ABI. The `node` package ships Node 24's headers; we point node-gyp at them (no download needed).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const node24 = join(root, 'node_modules', '.bin', 'node');
const probe = "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()";

function loads() {
  return spawnSync(node24, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

if (!existsSync(node24)) {
  console.error('postinstall: node_modules/.bin/node (Node 24) is missing; was the `node` package installed?');
  process.exit(1);
}
if (loads()) process.exit(0);

const nested = join(root, 'node_modules', 'node', 'node_modules');
const dist = existsSync(nested) ? readdirSync(nested).find((d) => /^node-(linux|darwin|win)/.test(d)) : undefined;
const nodedir = dist ? join(nested, dist) : undefined;
if (!nodedir || !existsSync(join(nodedir, 'include', 'node'))) {
  console.error('postinstall: Node 24 headers not found under node_modules/node; cannot build better-sqlite3.');
  process.exit(1);
}
console.log(`postinstall: building better-sqlite3 for Node ${execFileSync(node24, ['-v']).toString().trim()}…`);
execFileSync('npm', ['rebuild', 'better-sqlite3', `--nodedir=${nodedir}`], {
  stdio: 'inherit',
  env: { ...process.env, npm_config_build_from_source: 'true', npm_config_nodedir: nodedir },
});
if (!loads()) {
  console.error('postinstall: better-sqlite3 still does not load under Node 24.');
  process.exit(1);
}
