import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/login/LoginPage.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Loading } from '../ui/Status.tsx';
import { homeFor } from './nav.ts';
import { SessionProvider, useSession } from './session.tsx';
import { StoreProvider } from './stores.tsx';

// Each page is its own chunk: the first screen loads only the shell and the page it shows.
const OverviewPage = lazy(() => import('../features/overview/OverviewPage.tsx'));
const CustomersPage = lazy(() => import('../features/customers/CustomersPage.tsx'));
const CustomerPage = lazy(() => import('../features/customers/CustomerPage.tsx'));
const ImportPage = lazy(() => import('../features/imports/ImportPage.tsx'));
const RetentionPage = lazy(() => import('../features/retention/RetentionPage.tsx'));
const BasketsPage = lazy(() => import('../features/baskets/BasketsPage.tsx'));
const SegmentsPage = lazy(() => import('../features/segments/SegmentsPage.tsx'));
const LoyaltyPage = lazy(() => import('../features/loyalty/LoyaltyPage.tsx'));

function Guard({ permission, children }: { permission: string; children: React.ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <Navigate to={homeFor(can)} replace />;
}

function Pages() {
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me) return <LoginPage />;
  return (
    <StoreProvider>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Guard permission="stats:read"><OverviewPage /></Guard>} />
            <Route path="/customers" element={<Guard permission="customers:read"><CustomersPage /></Guard>} />
            <Route path="/customers/:id" element={<Guard permission="customers:read"><CustomerPage /></Guard>} />
            <Route path="/retention" element={<Guard permission="reports:read"><RetentionPage /></Guard>} />
            <Route path="/segments" element={<Guard permission="segments:read"><SegmentsPage /></Guard>} />
            <Route path="/baskets" element={<Guard permission="models:read"><BasketsPage /></Guard>} />
            <Route path="/loyalty" element={<Guard permission="reports:read"><LoyaltyPage /></Guard>} />
            <Route path="/imports" element={<Guard permission="imports:write"><ImportPage /></Guard>} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </Layout>
    </StoreProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </BrowserRouter>
  );
}
