// Configuration is read from the environment once, validated, and fails fast listing every bad variable.
import { z } from 'zod';

const schema = z.object({
  REGULARS_DB: z.string().min(1).default('data/regulars.db'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  REGULARS_ZONE: z.string().default('Asia/Shanghai'),
  REGULARS_SESSION_HOURS: z.coerce.number().positive().default(12),
  REGULARS_SECURE_COOKIES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // normal: a commit survives a crash of the process; full: also a power cut (one fsync per commit, or per group of checkouts).
  REGULARS_SQLITE_SYNC: z.enum(['normal', 'full']).default('normal'),
});

export type Config = z.infer<typeof schema> & { databaseUrl: string };

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, databaseUrl: parsed.data.DATABASE_URL ?? parsed.data.REGULARS_DB };
}
