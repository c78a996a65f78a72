// Worker thread script: reads and maps a file with readImport and posts the batches to the main
// thread (order rows in the columnar RowWire form), pausing while `maxInFlight` are unacknowledged.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/errors.ts';
import { readImport } from './read-import.ts';
import { encodeRows } from './row-wire.ts';
import type { RowResult } from './rows.ts';
import type { WorkerInput, WorkerMessage } from './worker-client.ts';

const port = parentPort!;
const { kind, source, opts, maxInFlight } = workerData as WorkerInput;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

try {
  for await (const { results, ...meta } of readImport(kind, source, opts)) {
    if (kind === 'orders') {
      const { wire, transfer } = encodeRows(results as RowResult[]);
      post({ type: 'batch', meta, wire }, transfer);
    } else post({ type: 'batch', meta, results });
    inFlight++;
    while (inFlight >= maxInFlight) await new Promise<void>((resolve) => { wake = resolve; });
  }
  post({ type: 'end' });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({
    type: 'error',
    error: err instanceof AppError
      ? { message: err.message, code: err.code, ...(err.field ? { field: err.field } : {}), ...(err.details ? { details: err.details } : {}) }
      : { message: err.message },
  });
}
