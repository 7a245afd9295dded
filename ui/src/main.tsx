import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './api/session';
import { Layout } from './components/Layout';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { LoginPage } from './pages/LoginPage';
import { ApplicationPage } from './pages/app/ApplicationPage';
import { SettingsRoutes } from './pages/settings/SettingsRoutes';
import { UserInfoPage } from './pages/UserInfoPage';
import './styles.css';

/** Every view behind the login; a deep link survives the detour through /login. */
function RequireLogin({ children }: { children: React.ReactNode }) {
  const { user, loaded } = useSession();
  const location = useLocation();
  if (!loaded) return <p className="loading">Loading…</p>;
  if (!user?.loggedIn) return <Navigate to={`/login?return=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireLogin>
            <Layout />
          </RequireLogin>
        }
      >
        <Route path="/" element={<Navigate to="/applications" replace />} />
        <Route path="/applications" element={<ApplicationsPage />} />
        <Route path="/applications/:namespace/:name" element={<ApplicationPage />} />
        <Route path="/settings/*" element={<SettingsRoutes />} />
        <Route path="/user-info" element={<UserInfoPage />} />
        <Route path="*" element={<p className="empty">No such page. <a href="/applications">Applications</a></p>} />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
