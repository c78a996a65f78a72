// The report filter shared by the analytics pages: period in the URL (so a view can be linked and
// reloaded), store from the switcher.
import { useSearchParams } from 'react-router';
import { useStores } from './stores.tsx';

export interface ReportFilter { from?: string; to?: string; store?: string }

export function useReportFilter(): [ReportFilter, (from: string, to: string) => void] {
  const [params, setParams] = useSearchParams();
  const { storeCode } = useStores();
  const filter: ReportFilter = {
    ...(params.get('from') ? { from: params.get('from')! } : {}),
    ...(params.get('to') ? { to: params.get('to')! } : {}),
    ...(storeCode ? { store: storeCode } : {}),
  };
  const setPeriod = (from: string, to: string) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of [['from', from], ['to', to]] as const) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  return [filter, setPeriod];
}
