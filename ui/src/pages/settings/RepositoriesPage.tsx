import { useState } from 'react';
import { api, enc, query } from '../../api/client';
import { deniedReason, useCanI } from '../../api/session';
import type { ItemList } from '../../api/types';
import { AddRepositoryDialog } from './AddRepositoryDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectionBadge } from './ConnectionBadge';
import { ErrorMessage } from './ErrorMessage';
import { Guarded } from './Guarded';
import { SettingsHeader } from './SettingsHeader';
import { TableHead } from './TableHead';
import type { Repository } from './types';
import { useApi } from './useApi';

/** The RBAC object of a repository: <project>/<url> when project-scoped, else the URL. */
function rbacObject(r: Repository): string {
  return r.project ? `${r.project}/${r.repo}` : r.repo;
}

/** /settings/repos: the registered repositories with their connection state; Add and Delete. */
export function RepositoriesPage() {
  const { data, error, reload } = useApi<ItemList<Repository>>('/api/v1/repositories');
  const canCreate = useCanI('repositories', 'create', '*');
  const [adding, setAdding] = useState(false);
  const repositories = data?.items ?? [];
  return (
    <>
      <SettingsHeader title="Repositories">
        <Guarded className="btn primary" allowed={canCreate} denied={deniedReason('repositories', 'create', '*')} onClick={() => setAdding(true)}>
          Add repository
        </Guarded>
      </SettingsHeader>
      <p className="muted">
        Applications may track any repository Keelson can read; register one here when it needs credentials. Credentials are kept in a Secret and never
        shown again.
      </p>
      <ErrorMessage error={error} />
      {!data && !error && <p className="loading">Checking the repositories…</p>}
      {data && repositories.length === 0 && <p className="empty">No repositories are registered.</p>}
      {repositories.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Repositories">
            <TableHead columns={['Repository', 'Type', 'Project', 'Username', 'Connection']} actions />
            <tbody>
              {repositories.map((r) => (
                <RepositoryRow key={rbacObject(r)} repository={r} onDeleted={reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <AddRepositoryDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
    </>
  );
}

function RepositoryRow({ repository: r, onDeleted }: { repository: Repository; onDeleted: () => void }) {
  const object = rbacObject(r);
  const canDelete = useCanI('repositories', 'delete', object);
  const [deleting, setDeleting] = useState(false);
  return (
    <tr>
      <th scope="row">
        <code>{r.repo}</code>
        {r.name && <div className="muted">{r.name}</div>}
      </th>
      <td>{r.type ?? 'git'}</td>
      <td>{r.project || <span className="muted">—</span>}</td>
      <td>{r.username || <span className="muted">—</span>}</td>
      <td>
        <ConnectionBadge state={r.connectionState} />
      </td>
      <td>
        <Guarded className="btn small danger" allowed={canDelete} denied={deniedReason('repositories', 'delete', object)} onClick={() => setDeleting(true)} aria-label={`Delete repository ${r.repo}`}>
          Delete
        </Guarded>
        {deleting && (
          <ConfirmDialog
            title="Delete repository?"
            confirm="Delete"
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              await api.delete(`/api/v1/repositories/${enc(r.repo)}${query({ appProject: r.project })}`);
              onDeleted();
            }}
          >
            <p>
              <code>{r.repo}</code> and its credentials are removed. Applications that track it keep tracking it, without the credentials.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
