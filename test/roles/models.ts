// Rows of the role × route matrix (test/api-roles.test.ts) for this route family.
import type { Row } from './row.ts';

export const ROWS: Row[] = [];
