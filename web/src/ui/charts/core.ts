// What every page's charts share, and all the Overview draws: bar and line on a grid with tooltip and
// legend. Other series types are registered on top of this by their own chunks (see load.ts).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
// Named imports only: the `echarts/core` namespace re-exports helpers (geo parsing, scales, graphic
// utilities) that would all be kept in the bundle.
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export { init, use };
