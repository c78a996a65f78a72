// The dashboard (web/dist, built by Vite) is served by the same process as the API: hashed assets
// with a long cache, and index.html for every other GET that is not an API or docs path, so deep
// links like /customers/42 open the single-page app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './context.ts';

/** web/dist beside the package, whatever the working directory. */
export const DEFAULT_WEB_DIR = join(import.meta.dirname, '..', '..', 'web', 'dist');

const isAppPath = (url: string): boolean => !/^\/(api|docs|health)(\/|$|\?)/.test(url);

/** Register the dashboard when it has been built; returns whether it was. */
export async function webRoutes(app: App, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) =>
    reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(join('assets', (req.params as { '*': string })['*'])));
  return true;
}

/** For the not-found handler: answer a browser's page request with the app shell. */
export function sendAppShell(req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (req.method !== 'GET' || !isAppPath(req.url) || !('sendFile' in reply)) return null;
  if (!String(req.headers.accept ?? '').includes('text/html')) return null;
  return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
}
