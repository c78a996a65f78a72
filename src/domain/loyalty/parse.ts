// Loyalty and promotion settings arrive as JSON (API, CLI, stored rows). One helper turns a zod
// failure into the project's AppError naming the first bad field ("tiers/2/criteria/spendMinor"),
// with every issue listed in the details.

import type { z } from 'zod';
import { AppError } from '../errors.ts';

export function parseConfig<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: [root, ...i.path.map(String)].filter(Boolean).join('/') || '/', message: i.message }));
  const first = issues[0]!;
  throw new AppError('VALIDATION', `${first.field}: ${first.message}`, { field: first.field, details: { issues } });
}
