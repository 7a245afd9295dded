import { Route, Routes } from 'react-router-dom';
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
      <Route path="*" element={<p className="empty">No such settings page.</p>} />
    </Routes>
  );
}
