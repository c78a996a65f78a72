// Load data for a page: re-fetches when the key changes, ignores answers to stale requests.
import { useEffect, useState } from 'react';

export interface Loaded<T> { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void }

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => { if (live) setState({ data, error: undefined, loading: false }); },
      (error: unknown) => { if (live) setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false }); },
    );
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
