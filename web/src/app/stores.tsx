// The store switcher's state: null means every store the user may see. Pages read it and pass it to
// the report endpoints as `store`.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api.ts';
import { useSession } from './session.tsx';

export interface StoreInfo { id: number; code: string; name: string; timeZone: string; currency: string; format: string | null; city: string | null }

interface StoreValue {
  stores: StoreInfo[];
  storeCode: string | null;
  setStoreCode: (code: string | null) => void;
  /** Staff limited to some stores cannot pick "all stores": reports need one of theirs. */
  allowAll: boolean;
}

const StoreContext = createContext<StoreValue>({ stores: [], storeCode: null, setStoreCode: () => undefined, allowAll: true });

export function StoreProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const allowAll = (me?.storeCodes ?? null) === null;
  const [stores, setStores] = useState<StoreInfo[]>([]);
  const [storeCode, setStoreCode] = useState<string | null>(allowAll ? null : me?.storeCodes?.[0] ?? null);
  useEffect(() => {
    api<{ items: StoreInfo[] }>('/api/stores').then((r) => setStores(r.items), () => setStores([]));
  }, []);
  return <StoreContext value={{ stores, storeCode, setStoreCode, allowAll }}>{children}</StoreContext>;
}

export const useStores = (): StoreValue => useContext(StoreContext);
