// 简体中文 (default). en.ts must have the same keys (its type is this object's).
export const zhCN = {
  app: { name: '熟客', tagline: '让老顾客常回来' },
  nav: { overview: '概览', customers: '顾客', segments: '分群', retention: '复购与留存', baskets: '购物篮', loyalty: '会员权益', imports: '导入数据', menu: '导航' },
  common: {
    loading: '加载中…', error: '出错了：{{message}}', retry: '重试', allStores: '全部门店', store: '门店', language: '语言',
    logout: '退出登录', asTable: '表格', asChart: '图表', exportCsv: '导出 CSV', exportPng: '导出 PNG', none: '暂无数据',
    from: '开始日期', to: '结束日期', apply: '应用', search: '搜索', back: '返回', next: '下一步', cancel: '取消', download: '下载',
  },
  login: {
    title: '登录熟客', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误',
  },
  overview: {
    title: '经营概览', members: '会员数', withPurchases: '有消费会员', orders: '订单数', sales: '销售额', refunds: '退款额',
    aov: '客单价', period: '数据期间', products: '商品数', stores: '门店数', anonymous: '非会员订单',
    activeShare: '活跃会员占比', dormantShare: '沉睡会员占比', newVsReturning: '新客 / 老客', repurchaseRate: '复购率',
    avgCycle: '平均复购周期', days: '{{n}} 天', salesTrend: '月度销售额与客单价', customersTrend: '月度新客与老客',
    newCustomers: '新客', returningCustomers: '老客', month: '月份', activeHint: '近 {{n}} 天有消费', dormantHint: '{{n}} 天以上未消费',
    byStore: '各门店表现', itemsPerOrder: '连带率（件/单）', crossSell: '交叉购买率', customers: '消费顾客',
  },
  customers: {
    title: '顾客', searchLabel: '手机号、会员号或姓名', searchPlaceholder: '输入手机号、会员号或姓名', noResults: '没有找到顾客',
    memberNo: '会员号', name: '姓名', phone: '手机号', city: '城市', homeStore: '归属门店', open: '查看',
    profile: '基本资料', summary: '消费概况', timeline: '订单记录', returns: '退货记录', firstPurchase: '首次消费',
    lastPurchase: '最近消费', orders: '订单', purchaseDays: '消费天数', items: '件数', netSpend: '净消费', margin: '毛利',
    categories: '品类数', gender: '性别', birthDate: '生日', registeredAt: '注册时间', guide: '导购', consents: '营销授权',
    predictions: '预测', churnRisk: '流失风险', pAlive: '仍活跃概率', nextPurchase: '预计下次购买', orders90: '未来 {{n}} 天预计订单',
    spend90: '未来 {{n}} 天预计消费', clv: '顾客终身价值（CLV）', churnRule: '沉默规则', churnRuleText: '已沉默 {{silent}} 天，常规周期 {{cycle}} 天（阈值 {{k}}×）',
    flagged: '需挽回', replenishment: '补货提醒', dueDate: '应补货日', overdue: '逾期 {{n}} 天', recommended: '推荐商品', noFit: '尚无模型',
    date: '日期', storeCode: '门店', channel: '渠道', amount: '金额', lines: '明细', reason: '原因', masked: '（已脱敏）',
  },
  retention: {
    title: '复购与留存', repurchaseRate: '复购率', repurchaseHint: '期内下单≥2次的顾客 ÷ 期内下单顾客', within: '{{n}} 天内再次购买',
    perRepeat: '复购顾客人均订单', meanCycle: '平均复购周期', medianCycle: '复购周期中位数', histogram: '复购间隔分布',
    interval: '间隔（天）', intervals: '次数', cohorts: '留存同期群', cohort: '首购期', size: '人数', grain: '粒度',
    grains: { month: '按月', quarter: '按季', year: '按年' }, period: '第 {{k}} 期', byCategory: '各品类复购周期（中位数，天）',
    category: '品类', buyers: '购买人数', repeatBuyers: '复购人数', medianDays: '中位数（天）', meanDays: '均值（天）', byStore: '各门店复购率',
  },
  baskets: {
    title: '购物篮分析', level: '粒度', levels: { category: '品类', sku: '商品' }, minSupport: '最小支持度', minConfidence: '最小置信度',
    rules: '关联规则', ruleCount: '共 {{n}} 条规则（{{t}} 个订单）', antecedent: '购买了', consequent: '也会买', support: '支持度',
    confidence: '置信度', lift: '提升度', network: '关联网络', offers: '搭配促销建议（买 A 送/换购 B）', buy: '购买', get: '推荐搭配',
    uplift: '预计每单增加毛利', slowMovers: '滞销品搭配', slowItem: '滞销品', velocity: '日均订单', partners: '畅销搭配',
  },
  segments: {
    title: '顾客分群', scheme: '分群模型', schemes: { rfm: 'RFM 十一类', retention: '维系四类', pyramid: '顾客金字塔', abcd: 'ABCD 价值', lifecycle: '生命周期', clusters: '聚类' },
    asOf: '截至日期', customers: '有消费顾客 {{n}} 人', segment: '分群', count: '人数', share: '占比', members: '成员', export: '导出 CSV',
    transitions: '分群迁移', from: '从', to: '到', moved: '迁移人数', saved: '自定义分群', name: '名称', rule: '条件', save: '保存分群',
    field: '字段', op: '运算', value: '值', addCondition: '添加条件', match: '满足', all: '全部条件', any: '任一条件', delete: '删除',
    centroid: '中心（原始单位）', silhouette: '轮廓系数 {{s}}', recency: '最近消费（天）', orders: '订单', net: '净消费', notes: '说明',
  },
  imports: {
    title: '导入数据', kind: '数据类型', kinds: { orders: '订单', customers: '会员', products: '商品' },
    file: '选择文件（CSV / Excel，UTF-8 或 GBK）', encoding: '编码', auto: '自动识别', preview: '预览', mapping: '列映射',
    column: '文件列', field: '对应字段', unmapped: '（不导入）', run: '开始导入', running: '导入中…', report: '导入结果',
    rowsRead: '读取行数', rowsImported: '导入', rowsUnchanged: '未变化', rowsRejected: '拒绝', rejects: '下载拒绝行文件',
    sample: '样例行', again: '再导入一个文件', byReason: '拒绝原因',
  },
} as const satisfies Record<string, Record<string, unknown>>;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Dictionary = Widen<typeof zhCN>;
