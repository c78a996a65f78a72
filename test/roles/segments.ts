// Rows of the role × route matrix (test/api-roles.test.ts) for this route family. Read requests name
// store S1: the manager's access is limited to it, and store-limited staff must name a store.
import { saveSegment, saveTagRule } from '../../src/app/segment-saved.ts';
import { NOW } from '../support/api.ts';
import type { Row } from './row.ts';

const RULE = { all: [{ field: 'orders', op: 'gte', value: 1 }] };
const by = { actor: 'test', now: NOW.toISOString() };

//                                                    owner manager clerk analyst pos
export const ROWS: Row[] = [
  ['GET', '/api/segments/schemes/{scheme}',           'Y     Y       -     Y       -', () => ({ url: '/api/segments/schemes/rfm?store=S1' })],
  ['GET', '/api/segments/schemes/{scheme}/members',   'Y     Y       -     Y       -', () => ({ url: '/api/segments/schemes/abcd/members?store=S1&segment=A' })],
  ['GET', '/api/segments/schemes/{scheme}/members.csv', 'Y     Y       -     Y       -', () => ({ url: '/api/segments/schemes/pyramid/members.csv?store=S1&segment=lead' })],
  ['GET', '/api/segments/clusters',                   'Y     Y       -     Y       -', () => ({ url: '/api/segments/clusters?store=S1' })],
  ['GET', '/api/segments/tags',                       'Y     Y       -     Y       -', () => ({ url: '/api/segments/tags?store=S1' })],
  ['GET', '/api/segments/fields',                     'Y     Y       -     Y       -', () => ({ url: '/api/segments/fields' })],
  ['GET', '/api/segments/saved',                      'Y     Y       -     Y       -', () => ({ url: '/api/segments/saved?store=S1' })],
  ['POST', '/api/segments/saved',                     'Y     Y       -     Y       -', (_a, who) => ({ url: '/api/segments/saved', payload: { name: `seg-${who}`, rule: RULE } })],
  ['DELETE', '/api/segments/saved/{id}',              'Y     Y       -     Y       -', async (api, who) => {
    const s = await saveSegment(api.store.db, { name: `doomed-${who}`, rule: RULE }, by);
    return { url: `/api/segments/saved/${s.id}` };
  }],
  ['GET', '/api/segments/saved/{id}/members',         'Y     Y       -     Y       -', async (api, who) => {
    const s = await saveSegment(api.store.db, { name: `paged-${who}`, rule: RULE }, by);
    return { url: `/api/segments/saved/${s.id}/members?store=S1` };
  }],
  ['GET', '/api/segments/saved/{id}/members.csv',     'Y     Y       -     Y       -', async (api, who) => {
    const s = await saveSegment(api.store.db, { name: `csv-${who}`, rule: RULE }, by);
    return { url: `/api/segments/saved/${s.id}/members.csv?store=S1` };
  }],
  ['GET', '/api/segments/tag-rules',                  'Y     Y       -     Y       -', () => ({ url: '/api/segments/tag-rules' })],
  ['POST', '/api/segments/tag-rules',                 'Y     Y       -     Y       -', (_a, who) => ({ url: '/api/segments/tag-rules', payload: { name: `tag-${who}`, rule: RULE } })],
  ['DELETE', '/api/segments/tag-rules/{id}',          'Y     Y       -     Y       -', async (api, who) => {
    const t = await saveTagRule(api.store.db, { name: `doomed-tag-${who}`, rule: RULE }, by);
    return { url: `/api/segments/tag-rules/${t.id}` };
  }],
  ['GET', '/api/segments/snapshots',                  'Y     Y       -     Y       -', () => ({ url: '/api/segments/snapshots' })],
  ['POST', '/api/segments/snapshots',                 'Y     Y       -     Y       -', () => ({ url: '/api/segments/snapshots', payload: { scheme: 'retention', asOf: '2024-03-31' } })],
  ['GET', '/api/segments/transitions',                'Y     Y       -     Y       -', () => ({ url: '/api/segments/transitions?store=S1&scheme=rfm&from=2024-03-01&to=2024-03-31' })],
];
