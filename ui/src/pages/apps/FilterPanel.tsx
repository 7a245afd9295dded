import { useMemo, useState } from 'react';
import type { Application } from '../../api/types';
import { facetValues, filterKeys, matches, type FacetName, type Filters } from './filters';

const titles: Record<FacetName, string> = {
  sync: 'Sync status',
  health: 'Health',
  projects: 'Projects',
  autoSync: 'Auto-sync',
  clusters: 'Clusters',
  namespaces: 'Namespaces',
  repos: 'Repositories',
  labels: 'Labels',
};

const order: FacetName[] = ['sync', 'health', 'projects', 'autoSync', 'clusters', 'namespaces', 'repos', 'labels'];

/**
 * Facets with counts: each value shows how many apps would match with it chosen, given the other filters (as a
 * shop's filters do), so a click never leads to an empty list by surprise.
 */
export function FilterPanel({ apps, filters, favourites, onToggle, onClear }: {
  apps: Application[];
  filters: Filters;
  favourites: Set<string>;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}) {
  const counts = useMemo(() => {
    const result = {} as Record<FacetName, Map<string, number>>;
    for (const facet of order) {
      const map = new Map<string, number>();
      for (const value of filters[facet]) map.set(value, 0);
      for (const app of apps) {
        if (!matches(app, filters, favourites, facet)) continue;
        for (const value of facetValues(app)[facet]) map.set(value, (map.get(value) ?? 0) + 1);
      }
      result[facet] = map;
    }
    return result;
  }, [apps, filters, favourites]);

  const active = order.some((f) => filters[f].length > 0);
  // Open beside the list on a wide screen; folded above it on a narrow one (a phone), until asked for.
  const [open, setOpen] = useState(() => !window.matchMedia?.('(max-width: 900px)').matches);
  return (
    <aside className={`filters${open ? '' : ' folded'}`} aria-label="Filters">
      <div className="filters-head">
        <h2>
          <button type="button" className="btn ghost filters-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            Filters{active ? ` (${order.reduce((n, f) => n + filters[f].length, 0)})` : ''}
          </button>
        </h2>
        {active && (
          <button type="button" className="btn small ghost" onClick={onClear}>
            Clear all
          </button>
        )}
      </div>
      {order.map((facet) => {
        const entries = [...counts[facet].entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        if (entries.length === 0) return null;
        return (
          <fieldset key={facet} className="facet" data-facet={filterKeys[facet]}>
            <legend>{titles[facet]}</legend>
            {entries.slice(0, 30).map(([value, count]) => (
              <label key={value} className="inline facet-value">
                <input type="checkbox" checked={filters[facet].includes(value)} onChange={() => onToggle(facet, value)} />
                <span className="facet-name" title={value}>
                  {value}
                </span>
                <span className="facet-count">{count}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </aside>
  );
}
