// The demo chain's shops: two clothing branches, a milk-tea shop by West Lake and a neighbourhood
// supermarket, each with the places its members come from.
import type { StoreInput } from '../customers/types.ts';
import type { DemoFormat } from './profiles.ts';

export interface Catchment {
  city: string;
  region: string;
  weight: number;
}

export interface DemoStore {
  code: string;
  name: string;
  format: DemoFormat;
  city: string;
  timeZone: string;
  /** Share of the chain's members whose home store this is. */
  memberShare: number;
  /** Staff guides (导购) who sign up and look after members; empty where there are none. */
  guides: readonly string[];
  catchment: readonly Catchment[];
}

const guides = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `G${String(from + i).padStart(3, '0')}`);

export const DEMO_STORES: readonly DemoStore[] = [
  {
    code: 'SH-CLOTH', name: '衣品生活(上海静安店)', format: 'clothing', city: '上海', timeZone: 'Asia/Shanghai',
    memberShare: 0.16, guides: guides(1, 8),
    catchment: [
      { city: '上海', region: '上海市', weight: 0.9 }, { city: '苏州', region: '江苏省', weight: 0.04 },
      { city: '嘉兴', region: '浙江省', weight: 0.03 }, { city: '南通', region: '江苏省', weight: 0.03 },
    ],
  },
  {
    code: 'NJ-CLOTH', name: '衣品生活(南京新街口店)', format: 'clothing', city: '南京', timeZone: 'Asia/Shanghai',
    memberShare: 0.12, guides: guides(9, 6),
    catchment: [
      { city: '南京', region: '江苏省', weight: 0.88 }, { city: '镇江', region: '江苏省', weight: 0.05 },
      { city: '马鞍山', region: '安徽省', weight: 0.04 }, { city: '扬州', region: '江苏省', weight: 0.03 },
    ],
  },
  {
    code: 'HZ-TEA', name: '茶语时光(杭州西湖店)', format: 'tea', city: '杭州', timeZone: 'Asia/Shanghai',
    memberShare: 0.38, guides: [],
    catchment: [
      { city: '杭州', region: '浙江省', weight: 0.82 }, { city: '绍兴', region: '浙江省', weight: 0.05 },
      { city: '上海', region: '上海市', weight: 0.05 }, { city: '宁波', region: '浙江省', weight: 0.04 },
      { city: '湖州', region: '浙江省', weight: 0.04 },
    ],
  },
  {
    code: 'SZ-MART', name: '邻里优选超市(苏州园区店)', format: 'supermarket', city: '苏州', timeZone: 'Asia/Shanghai',
    memberShare: 0.34, guides: [],
    catchment: [
      { city: '苏州', region: '江苏省', weight: 0.95 }, { city: '无锡', region: '江苏省', weight: 0.03 },
      { city: '昆山', region: '江苏省', weight: 0.02 },
    ],
  },
];

/** The contract form of a demo store. */
export function storeInput(s: DemoStore): StoreInput {
  return { code: s.code, name: s.name, timeZone: s.timeZone, currency: 'CNY', format: s.format, city: s.city };
}
