// Rows of the role × route matrix (test/api-roles.test.ts) for the dashboard's loyalty figures.
import type { Row } from './row.ts';

//                                                    owner manager clerk analyst pos
export const ROWS: Row[] = [
  ['GET', '/api/loyalty/stats',                       'Y     Y       Y     Y       -', () => ({ url: '/api/loyalty/stats' })],
];
