// The segments page's customer pyramid.
import { FunnelChart } from 'echarts/charts';
import { use } from 'echarts/core';

use([FunnelChart]);
