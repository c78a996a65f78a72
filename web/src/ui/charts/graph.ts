// The baskets page's network of association rules.
import { GraphChart } from 'echarts/charts';
import { use } from './core.ts';

use([GraphChart]);
