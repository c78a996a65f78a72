// The one wrapper around ECharts. Every chart can flip to a table of the same data and export it as
// CSV or PNG; echarts itself is loaded on first use, with only the series types this chart draws
// (charts/load.ts), so the first screen stays small.
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { loadEcharts } from './charts/load.ts';
import { DataTable } from './DataTable.tsx';
import { download, downloadText, tableToCsv, type Table } from './table.ts';

export interface ChartProps {
  title: string;
  table: Table;
  option: EChartsCoreOption;
  /** File name stem for exports. */
  name: string;
  height?: number;
}

export function Chart({ title, table, option, name, height = 320 }: ChartProps) {
  const { t } = useI18n();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (view !== 'chart' || !box.current) return;
    let disposed = false;
    const el = box.current;
    const resize = () => chart.current?.resize();
    void loadEcharts(option).then((init) => {
      if (disposed) return;
      chart.current = init(el, undefined, { renderer: 'canvas' });
      chart.current.setOption({ animation: false, ...option });
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, [view, option]);

  const png = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (url) download(`${name}.png`, url);
  };

  return (
    <figure className="card chart">
      <figcaption>
        <h3>{title}</h3>
        <div className="chart-tools" role="toolbar" aria-label={title}>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>{t('common.asChart')}</button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>{t('common.asTable')}</button>
          <button type="button" onClick={() => downloadText(`${name}.csv`, tableToCsv(table))}>{t('common.exportCsv')}</button>
          <button type="button" onClick={png} disabled={view !== 'chart'}>{t('common.exportPng')}</button>
        </div>
      </figcaption>
      {view === 'chart'
        ? <div ref={box} className="chart-box" style={{ height }} role="img" aria-label={title} data-testid={`chart-${name}`} />
        : <DataTable table={table} caption={title} />}
    </figure>
  );
}
