import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Application } from '../../api/types';
import { ResourceFilters } from './resources/ResourceFilters';
import { noFilter, type ResourceFilter } from './resources/resourceFilter';
import { ResourceListView } from './resources/ResourceListView';
import { NetworkView } from './resources/NetworkView';
import { ResourceDrawer } from './resources/ResourceDrawer';
import { buildResources, parseResourceKey } from './resources/resourceModel';
import { ResourceTreeView } from './resources/ResourceTreeView';
import { useResourceTree } from './resources/useResourceTree';
import { useStableItems } from './resources/useStableItems';

const views = [
  { id: 'tree', label: 'Tree' },
  { id: 'list', label: 'List' },
  { id: 'network', label: 'Network' },
] as const;

type View = (typeof views)[number]['id'];

/** The application's resources: tree, list and network views (?view=), and the resource drawer (?node=&tab=). */
export function AppBody({ app }: { app: Application }) {
  const [params, setParams] = useSearchParams();
  const view: View = views.find((v) => v.id === params.get('view'))?.id ?? 'tree';
  const selected = params.get('node');
  const { tree, error } = useResourceTree(app.metadata.namespace, app.metadata.name);
  const items = useStableItems(useMemo(() => buildResources(app, tree), [app, tree]));
  const [filter, setFilter] = useState<ResourceFilter>(noFilter);

  const update = useCallback(
    (changes: Record<string, string | null>, replace = false) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      }, { replace }),
    [setParams],
  );
  const select = useCallback((key: string) => update({ node: key, tab: null }), [update]);
  const drawerId = parseResourceKey(selected);
  const selectedItem = useMemo(() => items.find((i) => i.key === selected), [items, selected]);

  return (
    <section className="app-body" aria-label="Resources">
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="View">
          {views.map((v) => (
            <button key={v.id} type="button" className="btn small" aria-pressed={view === v.id} onClick={() => update({ view: v.id })}>
              {v.label}
            </button>
          ))}
        </div>
        <span className="muted" role="status">
          {tree ? `${items.filter((i) => !i.orphaned).length} resources` : 'Loading the resource tree…'}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          The resource tree: {error}
        </p>
      )}
      <ResourceFilters items={items} filter={filter} onChange={setFilter} />
      {view === 'tree' && <ResourceTreeView app={app} items={items} filter={filter} selected={selected} onSelect={select} />}
      {view === 'list' && <ResourceListView items={items} filter={filter} selected={selected} onSelect={select} />}
      {view === 'network' && <NetworkView items={items} filter={filter} selected={selected} onSelect={select} />}
      {drawerId && (
        <ResourceDrawer
          key={selected}
          app={app}
          id={drawerId}
          item={selectedItem}
          tab={params.get('tab')}
          onTab={(tab) => update({ tab }, true)}
          onOpen={select}
          onClose={() => update({ node: null, tab: null })}
        />
      )}
    </section>
  );
}
