import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { deniedReason, useCanI } from '../../api/session';
import type { ItemList } from '../../api/types';
import { CreateProjectDialog } from './CreateProjectDialog';
import { ErrorMessage } from './ErrorMessage';
import { Guarded } from './Guarded';
import { SettingsHeader } from './SettingsHeader';
import { TableHead } from './TableHead';
import type { Project } from './types';
import { useApi } from './useApi';

/** /settings/projects: the AppProjects the caller may see, and New project. */
export function ProjectsPage() {
  const { data, error } = useApi<ItemList<Project>>('/api/v1/projects');
  const canCreate = useCanI('projects', 'create', '*');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const projects = data?.items ?? [];
  return (
    <>
      <SettingsHeader title="Projects">
        <Guarded className="btn primary" allowed={canCreate} denied={deniedReason('projects', 'create', '*')} onClick={() => setCreating(true)}>
          New project
        </Guarded>
      </SettingsHeader>
      <ErrorMessage error={error} />
      {!data && !error && <p className="loading">Loading projects…</p>}
      {data && projects.length === 0 && <p className="empty">No projects you may see.</p>}
      {projects.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <TableHead columns={['Name', 'Description', 'Destinations', 'Roles', 'Sync windows']} />
            <tbody>
              {projects.map((p) => (
                <tr key={p.metadata.name}>
                  <td>
                    <Link to={encodeURIComponent(p.metadata.name)}>{p.metadata.name}</Link>
                  </td>
                  <td>{p.spec.description ?? <span className="muted">—</span>}</td>
                  <td>{p.spec.destinations?.length ?? 0}</td>
                  <td>{p.spec.roles?.map((r) => r.name).join(', ') || <span className="muted">—</span>}</td>
                  <td>{p.spec.syncWindows?.length ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && <CreateProjectDialog onClose={() => setCreating(false)} onCreated={(name) => navigate(encodeURIComponent(name))} />}
    </>
  );
}
