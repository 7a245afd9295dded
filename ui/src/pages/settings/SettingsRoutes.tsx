import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { enc } from '../../api/client';
import { CreateApplicationPanel } from '../CreateApplication';
import { AccountsPage } from './AccountsPage';
import { ClustersPage } from './ClustersPage';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';
import { RepositoriesPage } from './RepositoriesPage';
import { SettingsIndex } from './SettingsIndex';

/** /settings/*: the index and its pages. */
export function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<SettingsIndex />} />
      <Route path="projects" element={<ProjectsPage />} />
      <Route path="projects/:name" element={<ProjectPage />} />
      <Route path="repos" element={<RepositoriesPage />} />
      <Route path="clusters" element={<ClustersPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="new-application" element={<NewApplicationPage />} />
      <Route path="*" element={<p className="empty">No such settings page.</p>} />
    </Routes>
  );
}

/** settings/new-application: the create-application panel on a page of its own (a deep link to it). */
function NewApplicationPage() {
  const navigate = useNavigate();
  const location = useLocation();
  // Back where the user came from, or to the applications when this page was opened directly.
  const close = () => (location.key === 'default' ? navigate('/applications') : navigate(-1));
  return <CreateApplicationPanel onClose={close} onCreated={(name) => navigate(`/applications/argocd/${enc(name)}`)} />;
}
