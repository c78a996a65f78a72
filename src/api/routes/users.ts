import { z } from 'zod';
import { actorOf, createUser, STAFF_ROLES, storeIdsOf } from '../../app/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { listUsers } from '../../store/users.repo.ts';
import { principalOf, type App, type Deps } from '../context.ts';
import { GRANTABLE_ROLES, withinScope } from '../permissions.ts';
import { problemResponses } from '../problem.ts';
import { storeCodesOf, userView } from '../views.ts';

export const UserSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role: z.string(),
  storeCodes: z.array(z.string()).nullable().describe('null: every store'), staffCode: z.string().nullable(),
  disabled: z.boolean(), createdAt: z.string(),
}).meta({ id: 'StaffUser' });

export function userRoutes(app: App, deps: Deps): void {
  app.post('/api/users', {
    config: { access: 'users:write' },
    schema: {
      summary: 'Create a staff user (owner: manager/clerk/analyst anywhere; manager: clerks in their own stores)', tags: ['staff'],
      body: z.object({
        username: z.string().min(2).max(40), password: z.string().min(8).max(256), role: z.enum(STAFF_ROLES),
        displayName: z.string().max(100).nullish(), storeCodes: z.array(z.string().min(1)).max(500).nullable().default(null),
        staffCode: z.string().max(40).nullish(),
      }),
      response: { 201: UserSchema, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = principalOf(req);
    const b = req.body;
    if (!GRANTABLE_ROLES[actor.role].includes(b.role)) {
      throw new AppError('FORBIDDEN', `the ${actor.role} role may not create ${b.role} users`, { field: '/role' });
    }
    const storeIds = await storeIdsOf(deps.db, b.storeCodes);
    if (!withinScope(storeIds, actor.storeIds)) {
      throw new AppError('FORBIDDEN', 'a user may only be given stores within your own', { field: '/storeCodes' });
    }
    const user = await createUser(deps.db, { ...b }, { now: deps.now().toISOString(), actor: actorOf(actor) });
    return reply.code(201).send(userView(user, await storeCodesOf(deps.db)));
  });

  app.get('/api/users', {
    config: { access: 'users:read' },
    schema: {
      summary: 'List staff users (managers see the users within their stores)', tags: ['staff'],
      response: { 200: z.object({ items: z.array(UserSchema) }), ...problemResponses },
    },
  }, async (req) => {
    const actor = principalOf(req);
    const codes = await storeCodesOf(deps.db);
    const users = (await listUsers(deps.db)).filter((u) => withinScope(u.storeIds, actor.storeIds));
    return { items: users.map((u) => userView(u, codes)) };
  });
}
