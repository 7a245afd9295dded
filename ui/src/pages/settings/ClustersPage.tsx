import type { ItemList } from '../../api/types';
import { ConnectionBadge } from './ConnectionBadge';
import { ErrorMessage } from './ErrorMessage';
import { SettingsHeader } from './SettingsHeader';
import { TableHead } from './TableHead';
import type { Cluster } from './types';
import { useApi } from './useApi';

/** /settings/clusters: the destinations Keelson deploys to (in-cluster and registered ones), read only. */
export function ClustersPage() {
  const { data, error } = useApi<ItemList<Cluster>>('/api/v1/clusters');
  const clusters = data?.items ?? [];
  return (
    <>
      <SettingsHeader title="Clusters" />
      <p className="muted">
        Clusters are registered through the API (POST /api/v1/clusters) or as cluster Secrets in the control namespace; their credentials never leave the
        server.
      </p>
      <ErrorMessage error={error} />
      {!data && !error && <p className="loading">Checking the clusters…</p>}
      {clusters.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Clusters">
            <TableHead columns={['Name', 'Server', 'Connection', 'Version', 'Applications', 'Scope']} />
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
