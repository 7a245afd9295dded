import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/Layout';

/** A settings page's breadcrumb (Settings › … ) and title row. */
export function SettingsHeader({ trail = [], title, children }: { trail?: { to: string; label: string }[]; title: ReactNode; children?: ReactNode }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/settings">Settings</Link>
          </li>
          {trail.map((t) => (
            <li key={t.to}>
              <Link to={t.to}>{t.label}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <PageHeader title={title}>{children}</PageHeader>
    </>
  );
}
