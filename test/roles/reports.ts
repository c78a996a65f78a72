// Rows of the role × route matrix (test/api-roles.test.ts) for this route family. Every request names
// store S1: the manager's access is limited to it, and store-limited staff must name a store.
import type { Row } from './row.ts';

//                                                    owner manager clerk analyst pos
export const ROWS: Row[] = [
  ['GET', '/api/reports/repurchase',                  'Y     Y       -     Y       -', () => ({ url: '/api/reports/repurchase?store=S1' })],
  ['GET', '/api/reports/cohorts',                     'Y     Y       -     Y       -', () => ({ url: '/api/reports/cohorts?store=S1&by=quarter' })],
  ['GET', '/api/reports/overview',                    'Y     Y       -     Y       -', () => ({ url: '/api/reports/overview?store=S1' })],
  ['GET', '/api/reports/cycle',                       'Y     Y       -     Y       -', () => ({ url: '/api/reports/cycle?store=S1&by=sku' })],
];
