// The main-thread side of a worker import: start the worker, turn its messages back into batches,
// and acknowledge each batch once the consumer asks for the next, so the worker stays at most
// `maxInFlight` batches ahead (bounded memory while the main thread writes to the database).
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import type { ImportKind } from './headers.ts';
import type { AnyResult, ImportBatch, ReadImportOptions } from './read-import.ts';
import { decodeRows, type RowWire } from './row-wire.ts';

export type WorkerMessage =
  | { type: 'batch'; meta: Omit<ImportBatch<AnyResult>, 'results'>; wire?: RowWire; results?: AnyResult[] }
  | { type: 'end' }
  | { type: 'error'; error: { message: string; code?: ErrorCode; field?: string; details?: Record<string, unknown> } };

export interface WorkerInput {
  kind: ImportKind;
  source: string | Uint8Array;
  opts: ReadImportOptions;
  maxInFlight: number;
}

export async function* readInWorker(kind: ImportKind, source: string | Uint8Array, opts: ReadImportOptions): AsyncGenerator<ImportBatch<AnyResult>> {
  const input: WorkerInput = { kind, source, opts, maxInFlight: opts.maxInFlight ?? 4 };
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    workerData: input,
    // A larger young generation: parsing makes many short-lived strings, and scavenges dominate.
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure ??= e;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`import worker stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => { wake = resolve; });
      const m = queue.shift();
      if (!m) throw failure!;
      if (m.type === 'end') return;
      if (m.type === 'error') {
        const { message, code, field, details } = m.error;
        throw code ? new AppError(code, message, { ...(field ? { field } : {}), ...(details ? { details } : {}) }) : new Error(message);
      }
      yield { ...m.meta, results: m.wire ? decodeRows(m.wire) : m.results ?? [] };
      worker.postMessage('ack');
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
