// Chinese personal names and mobile numbers for made-up members.
import { chance, cumulative, drawCumulative, intBetween, pick, type Rng } from './random.ts';

// Common surnames, most frequent first; the weight falls off with rank as real surname counts do.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤'];
const SURNAME_CUM = cumulative(SURNAMES.map((_, i) => 1 / (i + 4)));

const FEMALE = [...'芳娜敏静丽艳娟霞婷雪琳洁颖佳欣怡梦雨晨瑶悦诗涵萱琪璐倩蕾嘉思雯月慧妍菲薇露一可若子婉'];
const MALE = [...'伟强磊军洋勇杰涛明超斌浩鹏宇辉刚健亮峰晨博文轩豪宁凯俊远哲翔天睿然泽阳志建国家成'];

/** A full name: surname plus one or two given-name characters. */
export function personName(rng: Rng, female: boolean): string {
  const chars = female ? FEMALE : MALE;
  const surname = SURNAMES[drawCumulative(rng, SURNAME_CUM)]!;
  const given = chance(rng, 0.3) ? pick(rng, chars) : pick(rng, chars) + pick(rng, chars);
  return surname + given;
}

// Mobile prefixes in use across China's carriers.
const PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

/** A mobile number not yet in `taken` (which it joins): 11 digits, 13x–19x. */
export function uniqueMobile(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const phone = pick(rng, PREFIXES) + String(intBetween(rng, 0, 99_999_999)).padStart(8, '0');
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}
