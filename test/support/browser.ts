// Debian's chromium driven by playwright-core (no browser download). The flags keep a headless
// Chromium from reaching for Google's services on a machine with a closed network.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** In CI a missing browser is a failure, not a skip (.ci/run installs it). */
export const hasChromium = existsSync(CHROMIUM) || process.env.CI === 'true';
export const NO_CHROMIUM = `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium; .ci/run does) to run the browser tests`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** Build web/dist if it is missing or stale (the server serves it). */
export function buildWeb(): void {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'build-web.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the dashboard failed');
}
