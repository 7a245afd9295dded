import type { Application } from '../../api/types';

/** The list's filters, kept in the URL (?search=&proj=&sync=&health=&cluster=&ns=&label=&auto=&repo=&fav=) for deep links. */
export interface Filters {
  search: string;
  projects: string[];
  sync: string[];
  health: string[];
  clusters: string[];
  namespaces: string[];
  labels: string[];
  autoSync: string[];
  repos: string[];
  favourites: boolean;
}

export function filtersFrom(params: URLSearchParams): Filters {
  return {
    search: params.get('search') ?? '',
    projects: params.getAll('proj'),
    sync: params.getAll('sync'),
    health: params.getAll('health'),
    clusters: params.getAll('cluster'),
    namespaces: params.getAll('ns'),
    labels: params.getAll('label'),
    autoSync: params.getAll('auto'),
    repos: params.getAll('repo'),
    favourites: params.get('fav') === 'true',
  };
}

export const filterKeys = { projects: 'proj', sync: 'sync', health: 'health', clusters: 'cluster', namespaces: 'ns', labels: 'label', autoSync: 'auto', repos: 'repo' } as const;

export type FacetName = keyof typeof filterKeys;

export function syncOf(app: Application): string {
  return app.status?.sync?.status ?? 'Unknown';
}

export function healthOf(app: Application): string {
  return app.status?.health?.status ?? 'Unknown';
}

export function clusterOf(app: Application): string {
  return app.spec.destination?.name || app.spec.destination?.server || '';
}

export function sourcesOf(app: Application) {
  return app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
}

export function autoSyncOf(app: Application): 'on' | 'off' {
  const automated = app.spec.syncPolicy?.automated;
  return automated && automated.enabled !== false ? 'on' : 'off';
}

/** The values each facet has across the apps, for the filter panel. */
export function facetValues(app: Application): Record<FacetName, string[]> {
  return {
    projects: [app.spec.project],
    sync: [syncOf(app)],
    health: [healthOf(app)],
    clusters: [clusterOf(app)].filter(Boolean),
    namespaces: [app.spec.destination?.namespace ?? ''].filter(Boolean),
    labels: Object.entries(app.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    autoSync: [autoSyncOf(app)],
    repos: sourcesOf(app).map((s) => s.repoURL),
  };
}

/** Whether the app passes every filter except, when given, <paramref name="except"/> (for the counts of that facet). */
export function matches(app: Application, filters: Filters, favourites: Set<string>, except?: FacetName): boolean {
  if (filters.favourites && !favourites.has(app.metadata.name)) return false;
  if (filters.search) {
    const needle = filters.search.toLowerCase();
    const hay = [app.metadata.name, app.spec.project, app.spec.destination?.namespace ?? '', ...sourcesOf(app).map((s) => `${s.repoURL} ${s.path ?? ''}`)].join(' ').toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  const values = facetValues(app);
  for (const facet of Object.keys(filterKeys) as FacetName[]) {
    if (facet === except) continue;
    const wanted = filters[facet];
    if (wanted.length === 0) continue;
    if (!values[facet].some((v) => wanted.includes(v))) return false;
  }
  return true;
}
