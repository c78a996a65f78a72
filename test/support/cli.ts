// Run the real `regulars` CLI in a child process (the same Node that runs the tests).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

export interface CliResult { code: number; stdout: string; stderr: string }

export function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The CLI bound to one database: `run` as is, `json` with --json, asserting exit 0 and parsing stdout. */
export function cliOn(db: string): { run: (...args: string[]) => Promise<CliResult>; json: <T>(...args: string[]) => Promise<T> } {
  const run = (...args: string[]) => cli(['--db', db, ...args]);
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await run('--json', ...args);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };
  return { run, json };
}
