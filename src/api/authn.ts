// Authentication and authorisation in one onRequest hook, before the body is even parsed: find the
// principal (Bearer token first, then the session cookie), then check the route's action against
// permissions.ts. No principal → 401; a principal without the permission → 403.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalFromSession, principalFromToken, type Principal } from '../app/auth.ts';
import { AppError } from '../domain/errors.ts';
import { SESSION_COOKIE, type Deps } from './context.ts';
import { can } from './permissions.ts';

async function authenticate(deps: Deps, req: FastifyRequest): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    const p = await principalFromToken(deps.db, m[1]!);
    if (!p) throw new AppError('UNAUTHENTICATED', 'the API token is unknown or revoked');
    return p;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? principalFromSession(deps.db, cookie, deps.now()) : null;
}

export function authHook(deps: Deps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('x-request-id', req.id);
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (access === 'public') return;
    if (access === undefined) throw new Error(`route ${req.routeOptions.url ?? req.url} declares no access`);
    const principal = await authenticate(deps, req);
    if (!principal) throw new AppError('UNAUTHENTICATED', 'log in, or send an API token as "Authorization: Bearer <token>"');
    if (!can(principal.role, access)) throw new AppError('FORBIDDEN', `the ${principal.role} role may not do ${access}`);
    req.principal = principal;
  };
}
