// Cohort and segment-movement grids: the heatmap series and the continuous colour scale beside it.
import { HeatmapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';
import { use } from './core.ts';

use([HeatmapChart, VisualMapContinuousComponent]);
