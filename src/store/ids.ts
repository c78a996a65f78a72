// Ids are made by the application (portable across dialects, known before insert, so a batch can
// reference its own rows): milliseconds since 2024-01-01 × 1024 + a sequence, which stays below
// 2^53 for ~270 years and increases monotonically within a process.
const EPOCH = Date.UTC(2024, 0, 1);
let lastMs = 0;
let seq = 0;

export function newId(): number {
  const ms = Math.max(Date.now() - EPOCH, lastMs);
  if (ms === lastMs) {
    seq += 1;
    if (seq >= 1024) { lastMs += 1; seq = 0; }
  } else {
    lastMs = ms;
    seq = 0;
  }
  return lastMs * 1024 + seq;
}

/** Reserve `n` consecutive ids at once (bulk import). */
export function newIds(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = newId();
  return out;
}
