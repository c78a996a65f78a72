// The segments page's customer pyramid.
import { FunnelChart } from 'echarts/charts';
import { use } from './core.ts';

use([FunnelChart]);
