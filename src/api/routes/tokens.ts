import { z } from 'zod';
import { actorOf, createApiToken, revokeApiToken, storeIdsOf } from '../../app/auth.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { getApiToken, listApiTokens } from '../../store/users.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { withinScope } from '../permissions.ts';
import { problemResponses } from '../problem.ts';
import { storeCodesOf, tokenView } from '../views.ts';

const TokenSchema = z.object({
  id: z.number(), name: z.string(), role: z.string(), storeCodes: z.array(z.string()).nullable().describe('null: every store'),
  createdAt: z.string(), revokedAt: z.string().nullable(),
}).meta({ id: 'ApiToken' });

export function tokenRoutes(app: App, deps: Deps): void {
  app.post('/api/tokens', {
    config: { access: 'tokens:write' },
    schema: {
      summary: 'Create a POS API token; the plaintext token is in this response only', tags: ['staff'],
      body: z.object({ name: z.string().min(1).max(80), storeCodes: z.array(z.string().min(1)).max(500).nullable().default(null) }),
      response: { 201: TokenSchema.extend({ token: z.string().describe('Send as "Authorization: Bearer <token>"; shown once') }), ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = principalOf(req);
    const storeIds = await storeIdsOf(deps.db, req.body.storeCodes);
    if (!withinScope(storeIds, actor.storeIds)) throw new AppError('FORBIDDEN', 'a token may only be given stores within your own', { field: '/storeCodes' });
    const { token, record } = await createApiToken(deps.db, req.body, { now: deps.now().toISOString(), actor: actorOf(actor) });
    return reply.code(201).send({ ...tokenView(record, await storeCodesOf(deps.db)), token });
  });

  app.get('/api/tokens', {
    config: { access: 'tokens:read' },
    schema: { summary: 'List API tokens (never their secrets)', tags: ['staff'], response: { 200: z.object({ items: z.array(TokenSchema) }), ...problemResponses } },
  }, async (req) => {
    const actor = principalOf(req);
    const codes = await storeCodesOf(deps.db);
    return { items: (await listApiTokens(deps.db)).filter((t) => withinScope(t.storeIds, actor.storeIds)).map((t) => tokenView(t, codes)) };
  });

  app.delete('/api/tokens/:id', {
    config: { access: 'tokens:write' },
    schema: {
      summary: 'Revoke an API token', tags: ['staff'], params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 204: z.null(), ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = principalOf(req);
    const t = await getApiToken(deps.db, req.params.id);
    if (!t) throw notFound('token', '/id');
    if (!withinScope(t.storeIds, actor.storeIds)) throw new AppError('FORBIDDEN', 'this token serves stores beyond your own');
    await revokeApiToken(deps.db, t.id, { now: deps.now().toISOString(), actor: actorOf(actor) });
    return reply.code(204).send(null);
  });
}
