import { useId, useRef, type KeyboardEvent } from 'react';
import { deniedReason, useCanI } from '../../../api/session';
import type { Application } from '../../../api/types';
import { HealthBadge, SyncBadge } from '../../../components/Status';
import { rbacObject } from '../useApplication';
import { ActionsTab } from './ActionsTab';
import { DeleteTab } from './DeleteTab';
import { EventsTab } from './EventsTab';
import { LogsTab } from './LogsTab';
import { DesiredManifestTab, DiffTab, LiveManifestTab } from './ManifestTabs';
import { getLiveObject, getManagedResource } from './resourceApi';
import { kindAbbreviation, podOwnerKinds, resourceKey, type ResourceId, type ResourceItem } from './resourceModel';
import { SummaryTab } from './SummaryTab';
import { useLoad } from './useLoad';
import { useModal } from '../../../hooks/useModal';

export const drawerTabs = [
  { id: 'summary', label: 'Summary' },
  { id: 'live', label: 'Live manifest' },
  { id: 'desired', label: 'Desired manifest' },
  { id: 'diff', label: 'Diff' },
  { id: 'events', label: 'Events' },
  { id: 'logs', label: 'Logs' },
  { id: 'actions', label: 'Actions' },
  { id: 'delete', label: 'Delete' },
] as const;

export type DrawerTab = (typeof drawerTabs)[number]['id'];

/**
 * One resource of the application, in a modal drawer: the tabs of {@link drawerTabs} (those that apply to it). The
 * open tab is the caller's (kept in the URL); Escape, the close button or a click beside the drawer closes it.
 */
export function ResourceDrawer({
  app,
  id,
  item,
  tab,
  onTab,
  onOpen,
  onClose,
}: {
  app: Application;
  id: ResourceId;
  /** The resource as the tree has it; undefined until the tree is read (or when it is gone). */
  item?: ResourceItem;
  tab: string | null;
  onTab: (tab: DrawerTab) => void;
  onOpen: (key: string) => void;
  onClose: () => void;
}) {
  const key = resourceKey(id);
  const managed = item?.managed ?? (app.status?.resources ?? []).some((r) => resourceKey(r) === key);
  const kindHasLogs = podOwnerKinds.has(id.kind);
  const available = drawerTabs.filter((t) => (t.id !== 'desired' && t.id !== 'diff') || managed).filter((t) => t.id !== 'logs' || kindHasLogs);
  const current: DrawerTab = available.find((t) => t.id === tab)?.id ?? 'summary';
  const mayReadLogs = useCanI('logs', 'get', rbacObject(app));

  const version = item?.version;
  const live = useLoad((signal) => getLiveObject(app, id, version, signal), `${app.metadata.name}/${key}`, item?.resourceVersion);
  const comparison = useLoad(
    (signal) => (managed && (current === 'desired' || current === 'diff') ? getManagedResource(app, id, signal) : Promise.resolve(null)),
    `${app.metadata.name}/${key}/${managed && (current === 'desired' || current === 'diff')}`,
    item?.resourceVersion ?? app.status?.sync?.revision,
  );

  const modal = useModal<HTMLDivElement>(onClose);
  const titleId = useId();
  const tabIds = useId();
  const tabList = useRef<HTMLDivElement>(null);
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    const enabled = available.filter((t) => t.id !== 'logs' || mayReadLogs !== false);
    const at = enabled.findIndex((t) => t.id === current);
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? enabled.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + enabled.length) % enabled.length;
    e.preventDefault();
    onTab(enabled[next].id);
    requestAnimationFrame(() => tabList.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="drawer res-drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={modal.ref} onKeyDown={modal.onKeyDown} tabIndex={-1}>
        <header className="res-drawer-head">
          <span className="res-kind-icon" aria-hidden="true">
            {kindAbbreviation(id.kind)}
          </span>
          <div className="res-drawer-title">
            <div className="muted">
              {id.kind}
              {id.namespace && ` · ${id.namespace}`}
            </div>
            <h2 id={titleId}>{id.name}</h2>
          </div>
          <div className="res-drawer-badges">
            {item?.health && <HealthBadge status={item.health.status} message={item.health.message} />}
            {managed && <SyncBadge status={item?.status} />}
          </div>
          <button type="button" className="btn ghost" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        {!item && (
          <p className="muted" role="status">
            {live.error ? 'This object is not in the application’s resource tree (any more).' : 'Reading the resource tree…'}
          </p>
        )}
        <div className="tabs" role="tablist" aria-label="Resource" ref={tabList} onKeyDown={onTabKey}>
          {available.map((t) => {
            const denied = t.id === 'logs' && mayReadLogs === false;
            return (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`${tabIds}-${t.id}`}
                aria-selected={t.id === current}
                aria-controls={`${tabIds}-panel`}
                tabIndex={t.id === current ? 0 : -1}
                disabled={denied}
                title={denied ? deniedReason('logs', 'get', rbacObject(app)) : undefined}
                data-autofocus={t.id === current ? true : undefined}
                onClick={() => onTab(t.id)}
              >
                {t.label}
              </button>
            );
          })}
        </div>
        <div role="tabpanel" id={`${tabIds}-panel`} aria-labelledby={`${tabIds}-${current}`} className="res-drawer-panel">
          {current === 'summary' && <SummaryTab id={id} item={item} live={live} onOpen={onOpen} />}
          {current === 'live' && <LiveManifestTab live={live} />}
          {current === 'desired' && <DesiredManifestTab managed={comparison} />}
          {current === 'diff' && <DiffTab managed={comparison} />}
          {current === 'events' && <EventsTab app={app} id={id} uid={item?.uid} />}
          {current === 'logs' && <LogsTab app={app} id={id} live={live.data} />}
          {current === 'actions' && <ActionsTab app={app} id={id} version={version} />}
          {current === 'delete' && <DeleteTab app={app} id={id} version={version} onDeleted={onClose} />}
        </div>
      </div>
    </div>
  );
}
