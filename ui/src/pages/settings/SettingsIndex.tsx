import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/Layout';

const sections = [
  { to: 'projects', title: 'Projects', text: 'AppProjects: source repositories, destinations, roles and their tokens, sync windows.' },
  { to: 'repos', title: 'Repositories', text: 'Git repositories with their credentials, and whether Keelson can reach them.' },
  { to: 'clusters', title: 'Clusters', text: 'The clusters Applications deploy to, with their connection state and version.' },
  { to: 'accounts', title: 'Accounts', text: 'Local accounts, their capabilities and API tokens.' },
];

/** /settings: one card for each settings page. */
export function SettingsIndex() {
  return (
    <>
      <PageHeader title="Settings" />
      <ul className="settings-cards">
        {sections.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className="card settings-card">
              <h2>{s.title}</h2>
              <p className="muted">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
