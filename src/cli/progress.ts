// A one-line progress indicator on a TTY (stderr); silent when piped or with --json.
export interface Progress { update(text: string): void; done(text?: string): void }

export function progress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update(text) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[2K${text}`);
    },
    done(text) { process.stderr.write(`\r\x1b[2K${text ? `${text}\n` : ''}`); },
  };
}

/** A text bar: [#####-----] 50% */
export function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, fraction));
  const n = Math.round(f * width);
  return `[${'#'.repeat(n)}${'-'.repeat(width - n)}] ${Math.round(f * 100)}%`;
}
