// The Idempotency-Key header: the first response to a key is stored with a hash of the request, in
// the same transaction as the write. The same key with the same body gets that response again; with
// another body, 422. Keys are scoped to the caller and the route.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.ts';
import { findIdempotent, saveIdempotent, type StoredResponse } from '../store/idempotency.repo.ts';
import type { DB } from '../store/schema.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';
import { principalOf, type Deps } from './context.ts';

/** JSON with object keys sorted, so key order never changes a request's hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Outcome { status: number; body: unknown }

/**
 * Run a write once per Idempotency-Key (when the header is present), inside one transaction. A
 * concurrent twin that commits first makes ours fail on a unique key; the retry then replays it.
 */
export async function idempotent(deps: Deps, req: FastifyRequest, reply: FastifyReply, run: (db: Kysely<DB>) => Promise<Outcome>): Promise<FastifyReply> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(deps, req, reply, run);
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}

async function attemptOnce(deps: Deps, req: FastifyRequest, reply: FastifyReply, run: (db: Kysely<DB>) => Promise<Outcome>): Promise<FastifyReply> {
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) {
    const out = await run(deps.db);
    return reply.code(out.status).send(out.body);
  }
  const p = principalOf(req);
  const scope = `${p.kind}:${p.id} ${req.method} ${req.routeOptions.url ?? req.url}`;
  const requestHash = createHash('sha256').update(canonical(req.body)).digest('base64url');
  const replay = (prior: StoredResponse): FastifyReply => {
    if (prior.requestHash !== requestHash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used before with a different request body', { field: '/headers/idempotency-key' });
    }
    return reply.code(prior.status).header('idempotent-replayed', 'true').send(prior.body);
  };
  const prior = await findIdempotent(deps.db, scope, key);
  if (prior) return replay(prior);
  const mine = { requestHash, status: 0, body: null as unknown };
  const saved = await deps.db.transaction().execute(async (trx) => {
    Object.assign(mine, await run(trx));
    return saveIdempotent(trx, scope, key, mine, deps.now().toISOString());
  });
  return saved === mine ? reply.code(mine.status).send(mine.body) : replay(saved);
}
