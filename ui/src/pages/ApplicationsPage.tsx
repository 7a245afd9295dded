import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Application } from '../api/types';
import { PageHeader } from '../components/Layout';
import { useQueryState } from '../hooks/useQueryState';
import { CreateApplicationPanel } from './CreateApplication';
import { DeleteAppDialog } from './apps/DeleteAppDialog';
import { FilterPanel } from './apps/FilterPanel';
import { TableView, TilesView } from './apps/AppViews';
import { AppRowActions, type ActionResult } from './apps/AppRowActions';
import { refreshApp, syncApp } from './apps/appActions';
import { useFavourites } from './apps/favourites';
import { filterKeys, filtersFrom, healthOf, matches, syncOf, type FacetName } from './apps/filters';
import { useApplications } from './apps/useApplications';

const healthOrder = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];
const syncOrder = ['Synced', 'OutOfSync', 'Unknown'];

/** /applications — every app the caller may see, live from the stream; filters, search and view in the URL. */
export function ApplicationsPage() {
  const { apps, loaded, error } = useApplications();
  const [params, update] = useQueryState();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const view = params.get('view') === 'table' ? 'table' : 'tiles';
  const [favourites, toggleFavourite] = useFavourites();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState<Application | null>(null);
  const [notice, setNotice] = useState<ActionResult | null>(null);

  const shown = useMemo(() => apps.filter((a) => matches(a, filters, favourites)), [apps, filters, favourites]);
  const counts = useMemo(() => {
    const sync = new Map<string, number>();
    const health = new Map<string, number>();
    for (const app of shown) {
      sync.set(syncOf(app), (sync.get(syncOf(app)) ?? 0) + 1);
      health.set(healthOf(app), (health.get(healthOf(app)) ?? 0) + 1);
    }
    return { sync, health };
  }, [shown]);

  const toggleFacet = (facet: FacetName, value: string) =>
    update((p) => {
      const key = filterKeys[facet];
      const values = p.getAll(key);
      p.delete(key);
      (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]).forEach((v) => p.append(key, v));
    });

  const toggleSelected = useCallback((name: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);

  const bulk = async (what: string, action: (app: Application) => Promise<unknown>) => {
    const chosen = shown.filter((a) => selected.has(a.metadata.name));
    const results = await Promise.allSettled(chosen.map(action));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${chosen[i].metadata.name}: ${(r.reason as Error).message}`] : []));
    setNotice(
      failed.length === 0
        ? { ok: true, message: `${what} started for ${chosen.length} application${chosen.length === 1 ? '' : 's'}` }
        : { ok: false, message: `${what}: ${chosen.length - failed.length} started, ${failed.length} refused — ${failed.join('; ')}` },
    );
  };

  const actions = useCallback((app: Application) => <AppRowActions app={app} onResult={setNotice} onDelete={setDeleting} />, []);
  const selectedShown = shown.filter((a) => selected.has(a.metadata.name)).length;

  return (
    <div className="apps-page">
      <PageHeader title="Applications">
        <button type="button" className="btn primary" onClick={() => update((p) => p.set('new', '1'))}>
          New app
        </button>
        <div className="view-switch" role="group" aria-label="View">
          <button type="button" className="btn small" aria-pressed={view === 'tiles'} onClick={() => update((p) => p.delete('view'))}>
            Tiles
          </button>
          <button type="button" className="btn small" aria-pressed={view === 'table'} onClick={() => update((p) => p.set('view', 'table'))}>
            Table
          </button>
        </div>
      </PageHeader>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search applications"
          aria-label="Search applications"
          value={filters.search}
          onChange={(e) => {
            const text = e.target.value;
            update((p) => (text ? p.set('search', text) : p.delete('search')));
          }}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={filters.favourites}
            onChange={(e) => {
              const on = e.target.checked;
              update((p) => (on ? p.set('fav', 'true') : p.delete('fav')));
            }}
          />
          Favourites only
        </label>
        <span className="counts" data-testid="counts" aria-live="polite">
          <strong>{shown.length}</strong> of {apps.length} ·{' '}
          {syncOrder
            .filter((s) => counts.sync.get(s))
            .map((s) => `${s} ${counts.sync.get(s)}`)
            .join(' · ')}{' '}
          ·{' '}
          {healthOrder
            .filter((h) => counts.health.get(h))
            .map((h) => `${h} ${counts.health.get(h)}`)
            .join(' · ')}
        </span>
        <span className="bulk">
          <label className="inline">
            <input
              type="checkbox"
              aria-label="Select all shown"
              checked={shown.length > 0 && selectedShown === shown.length}
              onChange={(e) => setSelected(e.target.checked ? new Set(shown.map((a) => a.metadata.name)) : new Set())}
            />
            {selectedShown > 0 ? `${selectedShown} selected` : 'Select all'}
          </label>
          <button type="button" className="btn small" disabled={selectedShown === 0} onClick={() => void bulk('Sync', syncApp)}>
            Sync selected
          </button>
          <button type="button" className="btn small" disabled={selectedShown === 0} onClick={() => void bulk('Refresh', (a) => refreshApp(a))}>
            Refresh selected
          </button>
        </span>
      </div>
      {notice && (
        <div className={`notice ${notice.ok ? 'ok' : 'error'}`} role={notice.ok ? 'status' : 'alert'}>
          {notice.message}
          <button type="button" className="btn ghost small" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="apps-main">
        <FilterPanel apps={apps} filters={filters} favourites={favourites} onToggle={toggleFacet} onClear={() => update((p) => Object.values(filterKeys).forEach((k) => p.delete(k)))} />
        {!loaded ? (
          <p className="loading">Loading applications…</p>
        ) : shown.length === 0 ? (
          <p className="empty">{apps.length === 0 ? 'No applications yet.' : 'No application matches these filters.'}</p>
        ) : view === 'table' ? (
          <TableView apps={shown} selected={selected} favourites={favourites} onSelect={toggleSelected} onFavourite={toggleFavourite} actions={actions} />
        ) : (
          <TilesView apps={shown} selected={selected} favourites={favourites} onSelect={toggleSelected} onFavourite={toggleFavourite} actions={actions} />
        )}
      </div>
      {params.get('new') === '1' && (
        <CreateApplicationPanel
          onClose={() => update((p) => p.delete('new'))}
          onCreated={(name) => navigate(`/applications/argocd/${encodeURIComponent(name)}`)}
        />
      )}
      {deleting && (
        <DeleteAppDialog
          app={deleting}
          onClose={() => setDeleting(null)}
          onDone={(message) => {
            setDeleting(null);
            setNotice({ ok: true, message });
          }}
        />
      )}
    </div>
  );
}
