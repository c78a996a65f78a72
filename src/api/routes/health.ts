import { z } from 'zod';
import { ping } from '../../store/db.ts';
import type { App, Deps } from '../context.ts';
import { problemResponses } from '../problem.ts';

export function healthRoutes(app: App, deps: Deps): void {
  app.get('/health', {
    config: { access: 'public' },
    schema: {
      summary: 'Liveness: the process answers and the database responds', tags: ['system'], security: [],
      response: { 200: z.object({ status: z.literal('ok'), db: z.literal('ok') }), ...problemResponses },
    },
  }, async (req, reply) => {
    try {
      await ping(deps.store);
    } catch (err) {
      req.log.error({ err }, 'health: database ping failed');
      return reply.code(503).type('application/problem+json').send({
        type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'the database does not respond', instance: req.url, requestId: req.id,
      });
    }
    return { status: 'ok' as const, db: 'ok' as const };
  });
}
