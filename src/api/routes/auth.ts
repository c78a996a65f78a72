import { z } from 'zod';
import { actorOf, login, logout, userPrincipal, type Principal } from '../../app/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { principalOf, SESSION_COOKIE, type App, type Deps } from '../context.ts';
import { can, PERMISSIONS, type Action } from '../permissions.ts';
import { problemResponses } from '../problem.ts';
import { storeCodesOf } from '../views.ts';

const Me = z.object({
  kind: z.enum(['user', 'token']), id: z.number(), name: z.string(), role: z.string(),
  storeCodes: z.array(z.string()).nullable().describe('null: every store'),
  permissions: z.array(z.string()).describe('Actions this principal may perform (see permissions.ts)'),
});

export function authRoutes(app: App, deps: Deps): void {
  const cookieOptions = (maxAgeSeconds: number) => ({
    path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, maxAge: maxAgeSeconds,
  });

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: {
      summary: 'Log in with a username and password; sets an HttpOnly session cookie', tags: ['auth'], security: [],
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }),
      response: { 200: z.object({ user: Me, expiresAt: z.string() }), ...problemResponses },
    },
  }, async (req, reply) => {
    const result = await login(deps.db, req.body.username, req.body.password, { now: deps.now(), sessionHours: deps.sessionHours });
    if (!result) throw new AppError('UNAUTHENTICATED', 'the username or password is wrong');
    reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(Math.round(deps.sessionHours * 3600)));
    return { user: await describe(deps, userPrincipal(result.user)), expiresAt: result.expiresAt };
  });

  app.post('/api/auth/logout', {
    config: { access: 'session' },
    schema: { summary: 'End the current session', tags: ['auth'], response: { 204: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(deps.db, token, { now: deps.now().toISOString(), actor: actorOf(principalOf(req)) });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: 'session' },
    schema: { summary: 'Who is logged in, their stores and permissions', tags: ['auth'], response: { 200: Me, ...problemResponses } },
  }, async (req) => describe(deps, principalOf(req)));
}

async function describe(deps: Deps, p: Principal) {
  const codes = await storeCodesOf(deps.db);
  return {
    kind: p.kind, id: p.id, name: p.name, role: p.role, storeCodes: codes(p.storeIds),
    permissions: (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(p.role, a)),
  };
}
