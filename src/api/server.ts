// The HTTP API: Fastify with zod schemas on every route, OpenAPI at /docs, problem+json errors, and
// auth on everything but /health, /docs and login. buildServer does not listen, so tests inject.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authHook } from './authn.ts';
import { SESSION_COOKIE, type App, type Deps, type ServerContext } from './context.ts';
import { errorHandler, notFoundHandler } from './problem.ts';
import { DEFAULT_WEB_DIR, sendAppShell, webRoutes } from './web.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { customerRoutes } from './routes/customers.ts';
import { healthRoutes } from './routes/health.ts';
import { salesRoutes } from './routes/sales.ts';
import { statsRoutes } from './routes/stats.ts';
import { importRoutes } from './routes/imports.ts';
import { adminRoutes } from './routes/admin.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { segmentsRoutes } from './routes/segments.ts';
import { reportsRoutes } from './routes/reports.ts';
import { modelsRoutes } from './routes/models.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { loyaltyRoutes } from './routes/loyalty.ts';
import { loyaltyStatsRoutes } from './routes/loyalty-stats.ts';

export type { ServerContext } from './context.ts';

/** Build the API (not listening). Call `app.listen()` to serve, `app.inject()` to test, `app.close()` when done. */
export async function buildServer(ctx: ServerContext): Promise<App> {
  const deps: Deps = {
    db: ctx.store.db, store: ctx.store, sessionHours: ctx.config.REGULARS_SESSION_HOURS,
    secureCookies: ctx.config.REGULARS_SECURE_COOKIES, now: ctx.now ?? (() => new Date()),
  };
  const app = Fastify({ logger: ctx.logger ?? false, genReqId: () => randomUUID() }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendAppShell(req, reply) ?? notFoundHandler(req, reply));
  app.decorateRequest('principal', null);
  // JSON only: a text/plain body is what a cross-site <form> can send, so it is refused (415).
  app.removeContentTypeParser('text/plain');

  // Fail closed: a route that does not say who may call it is a bug found at startup, not in production.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
    else if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} must declare config.access`);
  });
  // The cookie plugin's own onRequest hook parses cookies; ours must come after it.
  await app.register(fastifyCookie);
  app.addHook('onRequest', authHook(deps));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Regulars API', description: 'Customer retention for retail: customers, sales, staff.', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/auth/login' },
          bearer: { type: 'http', scheme: 'bearer', description: 'A POS API token from POST /api/tokens' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const webDir = ctx.webDir === undefined ? DEFAULT_WEB_DIR : ctx.webDir;
  if (webDir) await webRoutes(app, webDir);
  healthRoutes(app, deps);
  authRoutes(app, deps);
  userRoutes(app, deps);
  tokenRoutes(app, deps);
  customerRoutes(app, deps);
  salesRoutes(app, deps);
  catalogRoutes(app, deps);
  statsRoutes(app, deps);
  importRoutes(app, deps);
  adminRoutes(app, deps);
  segmentsRoutes(app, deps);
  reportsRoutes(app, deps);
  modelsRoutes(app, deps);
  checkoutRoutes(app, deps);
  loyaltyRoutes(app, deps);
  loyaltyStatsRoutes(app, deps);
  return app;
}
