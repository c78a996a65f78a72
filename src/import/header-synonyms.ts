// Column names seen on POS, e-commerce and CRM exports, in Chinese and English, per import kind.
// Written normalised (see normalizeHeader: NFKC, lower case, no spaces/underscores/punctuation, no
// "(元)"-style unit suffix). Within a field the list is in order of preference: when two columns
// match one field ("成交价" and "零售价"), the earlier synonym wins.

export const ORDER_FIELDS = [
  'orderId', 'customer', 'phone', 'store', 'placedAt', 'placedTime', 'sku', 'name', 'category', 'category1',
  'category2', 'category3', 'quantity', 'unitPrice', 'amount', 'discount', 'cost', 'unitCost', 'channel', 'type',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export const CUSTOMER_FIELDS = [
  'memberNo', 'phone', 'name', 'gender', 'birthDate', 'city', 'region', 'homeStore', 'guide', 'registeredAt',
  'registrationChannel', 'referrer', 'smsConsent', 'wechatConsent', 'emailConsent', 'phoneConsent', 'appPushConsent',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const PRODUCT_FIELDS = ['sku', 'name', 'category', 'category1', 'category2', 'category3', 'brand', 'listPrice', 'unitCost'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

const PHONE = ['手机号', '手机号码', '手机', '会员手机', '会员手机号', '顾客手机', '客户手机', '联系电话', '电话', '电话号码', '联系方式',
  'phone', 'phoneno', 'phonenumber', 'mobile', 'mobileno', 'mobilenumber', 'mobilephone', 'cellphone', 'cell', 'tel', 'telephone'];
const MEMBER = ['会员卡号', '会员号', '会员编号', '会员编码', '会员id', '会员卡', '会员', 'vip卡号', '卡号', '客户编号', '客户id', '客户号', '客户编码',
  '顾客编号', '顾客id', 'customerid', 'customerno', 'customernumber', 'customercode', 'customer', 'custid', 'memberid', 'memberno',
  'membernumber', 'membercard', 'member', 'cardno', 'cardnumber', 'clientid', 'clientno', 'userid', 'buyerid', 'accountid', 'vipno', 'vipid'];
const SKU = ['商品编码', '商品编号', '商品代码', '商品id', '商品条码', '条码', '条形码', '货号', '款号', '产品编码', '产品编号', '产品id', '物料编码',
  '品号', '编码', 'sku', 'skucode', 'skuid', 'skuno', 'stockcode', 'stockno', 'itemcode', 'itemno', 'itemid', 'itemnumber',
  'productcode', 'productid', 'productno', 'barcode', 'ean', 'upc', 'articleno', 'articlecode', 'partno', 'plu', 'code'];
const NAME = ['商品名称', '商品名', '品名', '产品名称', '货品名称', '商品', '产品', '名称', '商品描述', '描述', 'description', 'productname',
  'itemname', 'goodsname', 'itemdescription', 'productdescription', 'product', 'item', 'name', 'title', 'desc'];
const CATEGORY = ['品类', '类别', '分类', '商品类别', '商品分类', '商品品类', '类目', '商品类目', '品类名称', 'category', 'productcategory',
  'itemcategory', 'categoryname', 'dept', 'department', 'productline', 'class'];
const CATEGORY1 = ['大类', '一级分类', '一级类目', '一级品类', 'category1', 'cat1', 'maincategory', 'level1'];
const CATEGORY2 = ['中类', '二级分类', '二级类目', '二级品类', 'category2', 'cat2', 'subcategory', 'level2'];
const CATEGORY3 = ['小类', '三级分类', '三级类目', '三级品类', 'category3', 'cat3', 'level3'];
const STORE = ['门店编码', '门店编号', '门店代码', '门店id', '门店', '门店名称', '店铺编码', '店铺', '店铺名称', '店号', '店名', '分店', '网点',
  'storecode', 'storeid', 'storeno', 'store', 'storename', 'shopcode', 'shopid', 'shop', 'shopname', 'branchcode', 'branch', 'outlet',
  'locationid', 'location'];
const UNIT_COST = ['成本价', '成本单价', '进价', '进货价', '采购价', 'unitcost', 'costprice', 'purchaseprice'];

export const ORDER_SYNONYMS: Record<OrderField, string[]> = {
  orderId: ['订单号', '订单编号', '订单id', '单号', '小票号', '小票编号', '流水号', '交易流水号', '单据号', '单据编号', '销售单号', '收银单号',
    '交易号', '交易编号', '交易单号', '票号', 'invoiceno', 'invoicenumber', 'invoiceid', 'invoice', 'orderid', 'orderno', 'ordernumber',
    'order', 'receiptno', 'receiptnumber', 'receiptid', 'receipt', 'transactionid', 'transactionno', 'txnid', 'ticketno', 'ticket',
    'billno', 'saleid', 'salesid'],
  customer: MEMBER,
  phone: PHONE,
  store: STORE,
  placedAt: ['下单时间', '销售时间', '交易时间', '订单时间', '购买时间', '支付时间', '付款时间', '成交时间', '结账时间', '收银时间', '开单时间',
    '日期时间', '销售日期', '交易日期', '订单日期', '下单日期', '购买日期', '单据日期', '业务日期', '创建时间', '日期', 'invoicedate',
    'invoicedatetime', 'orderdate', 'orderdatetime', 'ordertime', 'orderedat', 'placedat', 'purchasedate', 'purchasetime', 'purchasedat',
    'transactiondate', 'transactiontime', 'txndate', 'saledate', 'salesdate', 'saletime', 'datetime', 'date', 'timestamp', 'createdat',
    'createtime', 'paidat', 'paytime'],
  placedTime: ['时间', '交易时刻', '销售时刻', 'time'],
  sku: SKU,
  name: NAME,
  category: CATEGORY,
  category1: CATEGORY1,
  category2: CATEGORY2,
  category3: CATEGORY3,
  quantity: ['数量', '销售数量', '购买数量', '商品数量', '件数', '销量', 'quantity', 'qty', 'units', 'unitssold', 'pcs', 'pieces', 'count'],
  unitPrice: ['成交单价', '成交价', '实际单价', '实售单价', '销售单价', '单价', '售价', '销售价', '价格', '零售价', '零售单价', 'unitprice',
    'saleprice', 'salesprice', 'sellingprice', 'priceeach', 'itemprice', 'price'],
  amount: ['实收金额', '实付金额', '实收', '实付', '成交金额', '销售金额', '金额', '销售额', '小计', '行金额', '商品金额', '合计', '总价', '总金额',
    'amount', 'lineamount', 'linetotal', 'netamount', 'salesamount', 'totalamount', 'totalprice', 'total', 'subtotal', 'value', 'sales',
    'revenue', 'paidamount', 'paid'],
  discount: ['折扣金额', '优惠金额', '优惠', '折扣额', '让利金额', '减免金额', 'discount', 'discountamount', 'discounts', 'promotionamount'],
  cost: ['成本金额', '成本', '销售成本', 'linecost', 'totalcost', 'cost', 'cogs'],
  unitCost: UNIT_COST,
  channel: ['渠道', '销售渠道', '下单渠道', '订单来源', '来源', '平台', 'channel', 'saleschannel', 'ordersource', 'source', 'platform'],
  type: ['类型', '单据类型', '交易类型', '销售类型', '订单类型', '业务类型', '是否退货', '退货标识', '退货', '销售退货', 'type', 'transactiontype',
    'ordertype', 'saletype', 'isreturn', 'returnflag', 'return', 'refund'],
};

/** Patterns tried after the exact names: "num_cds", "n_items" → quantity; "dollar_value" → amount. */
export const ORDER_PATTERNS: [RegExp, OrderField][] = [
  [/^(num|no|numberof|n)(items|units|cds|pieces|pcs|products|articles)$/, 'quantity'],
  [/^(dollar|usd|rmb|cny|gbp|eur|sales|line|order|net)(value|amount)$/, 'amount'],
];

export const CUSTOMER_SYNONYMS: Record<CustomerField, string[]> = {
  memberNo: [...MEMBER, 'id', 'no'],
  phone: PHONE,
  name: ['姓名', '会员姓名', '客户姓名', '顾客姓名', '会员名称', '客户名称', '名字', 'name', 'fullname', 'customername', 'membername'],
  gender: ['性别', 'gender', 'sex'],
  birthDate: ['生日', '出生日期', '会员生日', '出生年月日', 'birthday', 'birthdate', 'dateofbirth', 'dob'],
  city: ['城市', '所在城市', '市', 'city'],
  region: ['省份', '省', '所在省份', '地区', '区域', '所在地区', 'region', 'province', 'state'],
  homeStore: ['所属门店', '开卡门店', '归属门店', '注册门店', '入会门店', ...STORE, 'homestore', 'homestorecode'],
  guide: ['导购', '专属导购', '导购编号', '导购工号', '导购员', '服务导购', '营业员', '店员', 'guide', 'guidecode', 'staff', 'staffid',
    'salesperson', 'salesrep', 'associate'],
  registeredAt: ['注册时间', '开卡时间', '入会时间', '注册日期', '开卡日期', '入会日期', '加入时间', '创建时间', 'registeredat',
    'registrationdate', 'registerdate', 'signupdate', 'signedupat', 'joindate', 'joinedat', 'membersince', 'createdat'],
  registrationChannel: ['注册渠道', '入会渠道', '开卡渠道', '会员来源', '来源', '渠道', 'registrationchannel', 'signupchannel', 'channel', 'source'],
  referrer: ['推荐人', '介绍人', '推荐人手机', '推荐会员', 'referrer', 'referredby', 'referrerid', 'referral'],
  smsConsent: ['短信营销', '短信订阅', '接收短信', '短信授权', '是否接收短信', '短信', 'smsconsent', 'smsoptin', 'acceptsms', 'sms'],
  wechatConsent: ['微信营销', '微信订阅', '微信授权', '接收微信', 'wechatconsent', 'wechatoptin'],
  emailConsent: ['邮件营销', '邮件订阅', '接收邮件', 'emailconsent', 'emailoptin', 'acceptsemail', 'acceptsemailmarketing'],
  phoneConsent: ['电话营销', '接收电话', '电话授权', 'phoneconsent', 'callconsent', 'phoneoptin'],
  appPushConsent: ['app推送', '推送授权', '推送', 'pushconsent', 'apppush', 'pushoptin'],
};

export const PRODUCT_SYNONYMS: Record<ProductField, string[]> = {
  sku: SKU,
  name: NAME,
  category: CATEGORY,
  category1: CATEGORY1,
  category2: CATEGORY2,
  category3: CATEGORY3,
  brand: ['品牌', '品牌名称', 'brand', 'brandname'],
  listPrice: ['吊牌价', '建议零售价', '零售价', '标价', '售价', '单价', '价格', 'listprice', 'retailprice', 'msrp', 'rrp', 'unitprice', 'price'],
  unitCost: [...UNIT_COST, '成本', 'cost'],
};
