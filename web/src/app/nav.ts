// Pages, their paths and who sees them: a page is listed only for roles holding its permission, so a
// clerk sees customer lookup, not settings or reports.
export interface NavItem { path: string; key: string; permission: string }

export const NAV: NavItem[] = [
  { path: '/', key: 'nav.overview', permission: 'stats:read' },
  { path: '/customers', key: 'nav.customers', permission: 'customers:read' },
  { path: '/segments', key: 'nav.segments', permission: 'segments:read' },
  { path: '/retention', key: 'nav.retention', permission: 'reports:read' },
  { path: '/baskets', key: 'nav.baskets', permission: 'models:read' },
  // The programme's economics (liability, backtest, every member counted by tier) are reports: a clerk
  // serves one member at the till, where the 360 view and checkout show that member's points and tier.
  { path: '/loyalty', key: 'nav.loyalty', permission: 'reports:read' },
  { path: '/imports', key: 'nav.imports', permission: 'imports:write' },
];

/** The first page a role may open (clerks land on customer lookup). */
export const homeFor = (can: (p: string) => boolean): string => NAV.find((n) => can(n.permission))?.path ?? '/customers';
