import { useState } from 'react';
import { api, enc } from '../../api/client';
import { deniedReason, useCanI } from '../../api/session';
import type { ItemList } from '../../api/types';
import { AddClusterDialog } from './AddClusterDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { Guarded } from './Guarded';
import { ConnectionBadge } from './ConnectionBadge';
import { ErrorMessage } from './ErrorMessage';
import { SettingsHeader } from './SettingsHeader';
import { TableHead } from './TableHead';
import type { Cluster } from './types';
import { useApi } from './useApi';

const inCluster = 'https://kubernetes.default.svc';

/** /settings/clusters: the destinations Keelson deploys to (in-cluster and registered ones); Add and Delete. */
export function ClustersPage() {
  const { data, error, reload } = useApi<ItemList<Cluster>>('/api/v1/clusters');
  const canCreate = useCanI('clusters', 'create', '*');
  const [adding, setAdding] = useState(false);
  const clusters = data?.items ?? [];
  return (
    <>
      <SettingsHeader title="Clusters">
        <Guarded className="btn primary" allowed={canCreate} denied={deniedReason('clusters', 'create', '*')} onClick={() => setAdding(true)}>
          Add cluster
        </Guarded>
      </SettingsHeader>
      <p className="muted">Clusters registered here (or as cluster Secrets in the control namespace) keep their credentials on the server; they are never shown again.</p>
      <ErrorMessage error={error} />
      {!data && !error && <p className="loading">Checking the clusters…</p>}
      {clusters.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Clusters">
            <TableHead columns={['Name', 'Server', 'Connection', 'Version', 'Applications', 'Scope']} actions />
            <tbody>
              {clusters.map((c) => (
                <tr key={c.server}>
                  <th scope="row">{c.name || <span className="muted">—</span>}</th>
                  <td>
                    <code>{c.server}</code>
                  </td>
                  <td>
                    <ConnectionBadge state={c.connectionState ?? c.info?.connectionState} />
                  </td>
                  <td>{c.serverVersion ?? c.info?.serverVersion ?? '—'}</td>
                  <td>{c.info?.applicationsCount ?? 0}</td>
                  <td>
                    {c.project ? `project ${c.project}` : 'every project'}
                    {c.namespaces?.length ? `; namespaces ${c.namespaces.join(', ')}` : ''}
                  </td>
                  <td>
                    <DeleteCluster cluster={c} onDeleted={reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <AddClusterDialog
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

function DeleteCluster({ cluster: c, onDeleted }: { cluster: Cluster; onDeleted: () => void }) {
  const canDelete = useCanI('clusters', 'delete', c.server);
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <Guarded
        className="btn small danger"
        allowed={canDelete}
        denied={deniedReason('clusters', 'delete', c.server)}
        blocked={c.server === inCluster ? 'The cluster Keelson runs in cannot be removed' : null}
        onClick={() => setDeleting(true)}
        aria-label={`Delete cluster ${c.name || c.server}`}
      >
        Delete
      </Guarded>
      {deleting && (
        <ConfirmDialog
          title="Delete cluster?"
          confirm="Delete"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`/api/v1/clusters/${enc(c.server)}`);
            onDeleted();
          }}
        >
          <p>
            <code>{c.server}</code> and its credentials are removed. Applications deploying to it stop syncing; what they deployed keeps running.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
