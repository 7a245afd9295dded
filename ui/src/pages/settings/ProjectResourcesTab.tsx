import { TableHead } from './TableHead';
import type { GroupKind, ProjectSpec } from './types';

const lists: { field: keyof ProjectSpec; title: string; none: string }[] = [
  { field: 'clusterResourceWhitelist', title: 'Cluster resources allowed', none: 'None: no cluster-scoped resource may be deployed.' },
  { field: 'clusterResourceBlacklist', title: 'Cluster resources denied', none: 'None.' },
  { field: 'namespaceResourceWhitelist', title: 'Namespaced resources allowed', none: 'All (no allow list).' },
  { field: 'namespaceResourceBlacklist', title: 'Namespaced resources denied', none: 'None.' },
];

/** The project's resource allow and deny lists (read only here). */
export function ProjectResourcesTab({ spec }: { spec: ProjectSpec }) {
  return (
    <div className="resource-lists">
      {lists.map(({ field, title, none }) => {
        const items = (spec[field] as GroupKind[] | undefined) ?? [];
        return (
          <section key={field} className="card" aria-label={title}>
            <h2>{title}</h2>
            {items.length === 0 ? (
              <p className="muted">{none}</p>
            ) : (
              <table className="table">
                <TableHead columns={['Group', 'Kind']} />
                <tbody>
                  {items.map((r) => (
                    <tr key={`${r.group}/${r.kind}`}>
                      <td>
                        <code>{r.group || '(core)'}</code>
                      </td>
                      <td>{r.kind}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
