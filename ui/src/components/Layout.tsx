import { NavLink, Outlet } from 'react-router-dom';
import { useSession } from '../api/session';
import { useTheme } from './Theme';

export function Layout() {
  const { user, logout } = useSession();
  const [theme, toggleTheme] = useTheme();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/applications" className="brand" aria-label="Keelson home">
          <span aria-hidden="true">⚓</span> Keelson
        </NavLink>
        <nav aria-label="Main" className="mainnav">
          <NavLink to="/applications">Applications</NavLink>
          <NavLink to="/settings">Settings</NavLink>
          <NavLink to="/user-info">User info</NavLink>
        </nav>
        <div className="topbar-end">
          <button type="button" className="btn ghost" onClick={toggleTheme} aria-label={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}>
            {theme === 'light' ? '☾' : '☀'}
          </button>
          <span className="whoami" data-testid="whoami">
            {user?.username}
          </span>
          <button
            type="button"
            className="btn ghost"
            // Once logged out, the login guard sends the page to /login?return=<here>: log in again, and you are back.
            onClick={() => void logout()}
          >
            Log out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** A page's title row: heading, then actions. */
export function PageHeader({ title, children }: { title: React.ReactNode; children?: React.ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <div className="page-actions">{children}</div>
    </div>
  );
}
