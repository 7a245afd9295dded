import { Route, Routes } from 'react-router-dom';
import { AccountsPage } from './AccountsPage';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';
import { SettingsIndex } from './SettingsIndex';

/** /settings/*: the index and its pages. */
export function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<SettingsIndex />} />
      <Route path="projects" element={<ProjectsPage />} />
      <Route path="projects/:name" element={<ProjectPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="*" element={<p className="empty">No such settings page.</p>} />
    </Routes>
  );
}
