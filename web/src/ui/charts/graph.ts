// The baskets page's network of association rules.
import { GraphChart } from 'echarts/charts';
import { use } from 'echarts/core';

use([GraphChart]);
