import type { Dictionary } from './zh-CN.ts';

export const en: Dictionary = {
  app: { name: 'Regulars', tagline: 'Bring your regulars back' },
  nav: { overview: 'Overview', customers: 'Customers', segments: 'Segments', retention: 'Repurchase & retention', baskets: 'Baskets', loyalty: 'Loyalty', imports: 'Import', menu: 'Menu' },
  common: {
    loading: 'Loading…', error: 'Something went wrong: {{message}}', retry: 'Retry', allStores: 'All stores', store: 'Store', language: 'Language',
    logout: 'Log out', asTable: 'Table', asChart: 'Chart', exportCsv: 'Export CSV', exportPng: 'Export PNG', none: 'No data yet',
    from: 'From', to: 'To', apply: 'Apply', search: 'Search', back: 'Back', next: 'Next', cancel: 'Cancel', download: 'Download',
  },
  login: {
    title: 'Sign in to Regulars', username: 'Username', password: 'Password', submit: 'Sign in', failed: 'Wrong username or password',
  },
  overview: {
    title: 'Overview', members: 'Members', withPurchases: 'Members with purchases', orders: 'Orders', sales: 'Sales', refunds: 'Refunds',
    aov: 'Average order value', period: 'Data period', products: 'Products', stores: 'Stores', anonymous: 'Non-member orders',
    activeShare: 'Active members', dormantShare: 'Dormant members', newVsReturning: 'New / returning', repurchaseRate: 'Repurchase rate',
    avgCycle: 'Average repurchase cycle', days: '{{n}} days', salesTrend: 'Monthly sales and average order value', customersTrend: 'New and returning customers by month',
    newCustomers: 'New', returningCustomers: 'Returning', month: 'Month', activeHint: 'bought in the last {{n}} days', dormantHint: 'no purchase for {{n}}+ days',
    byStore: 'By store', itemsPerOrder: 'Items per order', crossSell: 'Cross-sell rate', customers: 'Customers',
  },
  customers: {
    title: 'Customers', searchLabel: 'Phone, member number or name', searchPlaceholder: 'Type a phone, member number or name', noResults: 'No customers found',
    memberNo: 'Member no.', name: 'Name', phone: 'Phone', city: 'City', homeStore: 'Home store', open: 'Open',
    profile: 'Profile', summary: 'Summary', timeline: 'Orders', returns: 'Returns', firstPurchase: 'First purchase',
    lastPurchase: 'Last purchase', orders: 'Orders', purchaseDays: 'Purchase days', items: 'Items', netSpend: 'Net spend', margin: 'Margin',
    categories: 'Categories', gender: 'Gender', birthDate: 'Birthday', registeredAt: 'Registered', guide: 'Staff guide', consents: 'Marketing consent',
    predictions: 'Predictions', churnRisk: 'Churn risk', pAlive: 'P(still active)', nextPurchase: 'Expected next purchase', orders90: 'Expected orders, next {{n}} days',
    spend90: 'Expected spend, next {{n}} days', clv: 'Customer lifetime value (CLV)', churnRule: 'Silence rule', churnRuleText: 'silent {{silent}} days, usual cycle {{cycle}} days (threshold {{k}}×)',
    flagged: 'win back', replenishment: 'Reorders due', dueDate: 'Due', overdue: '{{n}} days overdue', recommended: 'Recommended products', noFit: 'No model yet',
    date: 'Date', storeCode: 'Store', channel: 'Channel', amount: 'Amount', lines: 'Lines', reason: 'Reason', masked: '(masked)',
  },
  retention: {
    title: 'Repurchase & retention', repurchaseRate: 'Repurchase rate', repurchaseHint: 'customers with ≥2 orders ÷ customers with ≥1 in the period', within: 'Bought again within {{n}} days',
    perRepeat: 'Orders per repeat customer', meanCycle: 'Mean repurchase cycle', medianCycle: 'Median repurchase cycle', histogram: 'Days between purchases',
    interval: 'Interval (days)', intervals: 'Intervals', cohorts: 'Retention cohorts', cohort: 'First purchase', size: 'Customers', grain: 'Grain',
    grains: { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' }, period: 'Period {{k}}', byCategory: 'Reorder interval by category (median days)',
    category: 'Category', buyers: 'Buyers', repeatBuyers: 'Repeat buyers', medianDays: 'Median (days)', meanDays: 'Mean (days)', byStore: 'Repurchase rate by store',
  },
  baskets: {
    title: 'Basket analysis', level: 'Level', levels: { category: 'Category', sku: 'Product' }, minSupport: 'Min support', minConfidence: 'Min confidence',
    rules: 'Association rules', ruleCount: '{{n}} rules ({{t}} orders)', antecedent: 'Bought', consequent: 'Also buys', support: 'Support',
    confidence: 'Confidence', lift: 'Lift', network: 'Rule network', offers: 'Bundle offers (buy A, get B)', buy: 'Buy', get: 'Suggested partner',
    uplift: 'Expected extra margin per basket', slowMovers: 'Slow movers and their partners', slowItem: 'Slow mover', velocity: 'Orders per day', partners: 'Fast-moving partners',
  },
  segments: {
    title: 'Segments', scheme: 'Model', schemes: { rfm: 'RFM (11 segments)', retention: 'Retention classes', pyramid: 'Customer pyramid', abcd: 'ABCD value', lifecycle: 'Lifecycle', clusters: 'Clusters' },
    asOf: 'As of', customers: '{{n}} customers with purchases', segment: 'Segment', count: 'Customers', share: 'Share', members: 'Members', export: 'Export CSV',
    transitions: 'Movement between segments', from: 'From', to: 'To', moved: 'Customers', saved: 'Saved segments', name: 'Name', rule: 'Rule', save: 'Save segment',
    field: 'Field', op: 'Operator', value: 'Value', addCondition: 'Add condition', match: 'Match', all: 'all conditions', any: 'any condition', delete: 'Delete',
    centroid: 'Centre (original units)', silhouette: 'silhouette {{s}}', recency: 'Recency (days)', orders: 'Orders', net: 'Net spend', notes: 'Notes',
  },
  imports: {
    title: 'Import data', kind: 'Kind of data', kinds: { orders: 'Orders', customers: 'Members', products: 'Products' },
    file: 'Choose a file (CSV / Excel, UTF-8 or GBK)', encoding: 'Encoding', auto: 'Detect', preview: 'Preview', mapping: 'Column mapping',
    column: 'File column', field: 'Field', unmapped: '(not imported)', run: 'Import', running: 'Importing…', report: 'Import report',
    rowsRead: 'Rows read', rowsImported: 'Imported', rowsUnchanged: 'Unchanged', rowsRejected: 'Rejected', rejects: 'Download the reject file',
    sample: 'Sample rows', again: 'Import another file', byReason: 'Reasons',
  },
};
