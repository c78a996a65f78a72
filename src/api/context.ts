// What the server is built from, and the Fastify instance type the route files register on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Principal } from '../app/auth.ts';
import type { Config } from '../config.ts';
import type { Store } from '../store/db.ts';
import type { DB } from '../store/schema.ts';
import type { Access } from './permissions.ts';

export interface ServerContext {
  /** An open store (openStore); the server never closes it. */
  store: Store;
  config: Pick<Config, 'REGULARS_SESSION_HOURS' | 'REGULARS_SECURE_COOKIES'>;
  /** The clock; tests pin it. Defaults to the system clock. */
  now?: () => Date;
  /** Fastify logger options; off by default (tests), `regulars serve` turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** The built dashboard to serve (default web/dist beside the package); null serves none. */
  webDir?: string | null;
}

/** What route handlers use: the context with defaults applied. */
export interface Deps {
  db: Kysely<DB>;
  store: Store;
  sessionHours: number;
  secureCookies: boolean;
  now: () => Date;
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export const SESSION_COOKIE = 'regulars_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: 'public' or the action it performs (see permissions.ts). */
    access?: Access;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route. */
    principal: Principal | null;
  }
}

/** The principal of a request on a non-public route (the auth hook guarantees one). */
export function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new Error('principalOf called on a public route');
  return req.principal;
}
