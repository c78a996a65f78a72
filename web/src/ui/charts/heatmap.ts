// Cohort and segment-movement grids: the heatmap series and the continuous colour scale beside it.
import { HeatmapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([HeatmapChart, VisualMapContinuousComponent]);
