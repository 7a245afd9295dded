import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Application } from '../../api/types';
import { Ago, HealthBadge, OperationBadge, ShortRevision, SyncBadge } from '../../components/Status';
import { autoSyncOf, clusterOf, sourcesOf } from './filters';

export interface ViewProps {
  apps: Application[];
  selected: Set<string>;
  favourites: Set<string>;
  onSelect: (name: string) => void;
  onFavourite: (name: string) => void;
  actions: (app: Application) => ReactNode;
}

export function appPath(app: Application): string {
  return `/applications/${encodeURIComponent(app.metadata.namespace ?? 'argocd')}/${encodeURIComponent(app.metadata.name)}`;
}

function Star({ app, favourites, onFavourite }: Pick<ViewProps, 'favourites' | 'onFavourite'> & { app: Application }) {
  const on = favourites.has(app.metadata.name);
  return (
    <button
      type="button"
      className={`btn ghost small star${on ? ' on' : ''}`}
      aria-pressed={on}
      aria-label={`${on ? 'Remove' : 'Add'} ${app.metadata.name} ${on ? 'from' : 'to'} favourites`}
      onClick={(e) => {
        e.stopPropagation();
        onFavourite(app.metadata.name);
      }}
    >
      {on ? '★' : '☆'}
    </button>
  );
}

function Select({ app, selected, onSelect }: Pick<ViewProps, 'selected' | 'onSelect'> & { app: Application }) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${app.metadata.name}`}
      checked={selected.has(app.metadata.name)}
      onClick={(e) => e.stopPropagation()}
      onChange={() => onSelect(app.metadata.name)}
    />
  );
}

function source(app: Application): string {
  return sourcesOf(app)
    .map((s) => `${s.repoURL}${s.path ? ` · ${s.path}` : ''}${s.targetRevision ? ` @ ${s.targetRevision}` : ''}`)
    .join(', ');
}

/** The width of the element, kept up to date. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Tiles, virtualised by rows: only the rows in view are in the DOM. */
export function TilesView(props: ViewProps) {
  const { apps } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const width = useWidth(scroller);
  const columns = Math.max(1, Math.floor(width / 320));
  const rows = Math.ceil(apps.length / columns);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => 188, overscan: 3 });
  return (
    <div className="apps-scroll" ref={scroller} data-testid="apps-tiles">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="tile-row"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${columns}, 1fr)` }}
          >
            {apps.slice(row.index * columns, row.index * columns + columns).map((app) => (
              <Tile key={`${app.metadata.namespace}/${app.metadata.name}`} app={app} {...props} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function Tile({ app, ...props }: ViewProps & { app: Application }) {
  const navigate = useNavigate();
  return (
    <article
      className={`card tile health-border-${(app.status?.health?.status ?? 'unknown').toLowerCase()}`}
      data-app={app.metadata.name}
      aria-label={app.metadata.name}
      onClick={() => navigate(appPath(app))}
    >
      <div className="tile-head">
        <Select app={app} selected={props.selected} onSelect={props.onSelect} />
        <Link to={appPath(app)} className="tile-name" onClick={(e) => e.stopPropagation()}>
          {app.metadata.name}
        </Link>
        <Star app={app} favourites={props.favourites} onFavourite={props.onFavourite} />
      </div>
      <dl className="tile-facts">
        <dt>Project</dt>
        <dd>{app.spec.project}</dd>
        <dt>Status</dt>
        <dd>
          <HealthBadge status={app.status?.health?.status} message={app.status?.health?.message} /> <SyncBadge status={app.status?.sync?.status} />{' '}
          <OperationBadge phase={app.status?.operationState?.phase === 'Running' ? 'Running' : undefined} />
        </dd>
        <dt>Source</dt>
        <dd className="ellipsis" title={source(app)}>
          {source(app)}
        </dd>
        <dt>Destination</dt>
        <dd className="ellipsis">
          {clusterOf(app) === 'https://kubernetes.default.svc' ? 'in-cluster' : clusterOf(app)}/{app.spec.destination?.namespace}
        </dd>
        <dt>Revision</dt>
        <dd>
          <ShortRevision revision={app.status?.sync?.revision} /> · auto-sync {autoSyncOf(app)}
        </dd>
      </dl>
      <div className="tile-actions">{props.actions(app)}</div>
    </article>
  );
}

const columns = ['', '', 'Name', 'Project', 'Health', 'Sync', 'Source', 'Destination', 'Revision', 'Last sync', 'Actions'];

/** A table, virtualised: only the rows in view are in the DOM. */
export function TableView(props: ViewProps) {
  const { apps } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const virtualizer = useVirtualizer({ count: apps.length, getScrollElement: () => scroller.current, estimateSize: () => 40, overscan: 10 });
  return (
    <div className="apps-scroll" ref={scroller}>
      <div role="table" aria-label="Applications" aria-rowcount={apps.length + 1} className="apps-table" data-testid="apps-table">
        <div role="rowgroup" className="apps-table-head">
          <div role="row" className="apps-row" aria-rowindex={1}>
            {columns.map((c, i) => (
              <div role="columnheader" key={i}>
                {c}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const app = apps[item.index];
            return (
              <div
                role="row"
                key={item.key}
                aria-rowindex={item.index + 2}
                className="apps-row"
                data-app={app.metadata.name}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                onClick={() => navigate(appPath(app))}
              >
                <div role="cell">
                  <Select app={app} selected={props.selected} onSelect={props.onSelect} />
                </div>
                <div role="cell">
                  <Star app={app} favourites={props.favourites} onFavourite={props.onFavourite} />
                </div>
                <div role="cell" className="ellipsis">
                  <Link to={appPath(app)} onClick={(e) => e.stopPropagation()}>
                    {app.metadata.name}
                  </Link>
                </div>
                <div role="cell" className="ellipsis">
                  {app.spec.project}
                </div>
                <div role="cell">
                  <HealthBadge status={app.status?.health?.status} message={app.status?.health?.message} />
                </div>
                <div role="cell">
                  <SyncBadge status={app.status?.sync?.status} />
                </div>
                <div role="cell" className="ellipsis" title={source(app)}>
                  {source(app)}
                </div>
                <div role="cell" className="ellipsis">
                  {app.spec.destination?.namespace}
                </div>
                <div role="cell">
                  <ShortRevision revision={app.status?.sync?.revision} />
                </div>
                <div role="cell">
                  <Ago time={app.status?.operationState?.finishedAt} />
                </div>
                <div role="cell">{props.actions(app)}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
