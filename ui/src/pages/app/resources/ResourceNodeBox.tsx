import { memo, type CSSProperties } from 'react';
import { HealthBadge, SyncBadge } from '../../../components/Status';
import type { Application } from '../../../api/types';
import { kindAbbreviation, type ResourceItem } from './resourceModel';

export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 60;

type Box = { x: number; y: number; width: number; height: number };

const place = (box: Box): CSSProperties => ({ left: box.x, top: box.y, width: box.width, height: box.height });

function KindIcon({ kind }: { kind: string }) {
  return (
    <span className="res-kind-icon" aria-hidden="true">
      {kindAbbreviation(kind)}
    </span>
  );
}

/** What a node shows after its badges: hook and prune marks, orphans, a pod's ready containers. */
export function ResourceMarks({ item }: { item: ResourceItem }) {
  const containers = item.kind === 'Pod' ? item.info.find((i) => i.name === 'Containers')?.value : undefined;
  return (
    <>
      {item.hook && <span className="chip">hook</span>}
      {item.requiresPruning && (
        <span className="chip warn" title="Not in Git any more: a sync with prune deletes it">
          prune
        </span>
      )}
      {item.orphaned && <span className="chip">orphaned</span>}
      {containers && (
        <span className="chip" title="Ready containers">
          {containers}
        </span>
      )}
    </>
  );
}

/** A resource's box in the tree and network views: kind icon, kind, name, health and sync badges. */
export const ResourceNodeBox = memo(function ResourceNodeBox({
  item,
  box,
  selected,
  onSelect,
}: {
  item: ResourceItem;
  box: Box;
  selected: boolean;
  onSelect: (key: string) => void;
}) {
  return (
    <button
      type="button"
      className={`res-node${selected ? ' selected' : ''}${item.health?.status === 'Degraded' ? ' degraded' : ''}`}
      style={place(box)}
      onClick={() => onSelect(item.key)}
      aria-current={selected ? 'true' : undefined}
      data-testid="resource-node"
      data-kind={item.kind}
      data-name={item.name}
    >
      <KindIcon kind={item.kind} />
      <span className="res-node-body">
        <span className="res-node-kind">{item.kind}</span>
        <span className="res-node-name" title={item.namespace ? `${item.namespace}/${item.name}` : item.name}>
          {item.name}
        </span>
        <span className="res-node-badges">
          {item.health && <HealthBadge status={item.health.status} message={item.health.message} />}
          {item.managed && <SyncBadge status={item.status} />}
          <ResourceMarks item={item} />
        </span>
      </span>
    </button>
  );
});

/** The root of the tree: the Application itself. */
export function AppNodeBox({ app, box }: { app: Application; box: Box }) {
  return (
    <div className="res-node app" style={place(box)} data-testid="resource-node" data-kind="Application" data-name={app.metadata.name}>
      <KindIcon kind="Application" />
      <span className="res-node-body">
        <span className="res-node-kind">Application</span>
        <span className="res-node-name" title={app.metadata.name}>
          {app.metadata.name}
        </span>
        <span className="res-node-badges">
          <HealthBadge status={app.status?.health?.status} message={app.status?.health?.message} />
          <SyncBadge status={app.status?.sync?.status} />
        </span>
      </span>
    </div>
  );
}

/** A collapsed group: "12 Pods (10 Healthy, 2 Progressing)"; a click shows them one by one. */
export function GroupNodeBox({ kind, title, summary, box, onExpand }: { kind: string; title: string; summary: string; box: Box; onExpand: () => void }) {
  return (
    <button type="button" className="res-node group" style={place(box)} onClick={onExpand} aria-expanded="false" data-testid="resource-group" data-kind={kind}>
      <KindIcon kind={kind} />
      <span className="res-node-body">
        <span className="res-node-name">{title}</span>
        <span className="res-node-summary">({summary})</span>
      </span>
    </button>
  );
}

/** Where traffic comes in (network view): a URL, opened in a new tab, or a load balancer's address. */
export function EntryNodeBox({ label, href, box }: { label: string; href?: string; box: Box }) {
  const body = (
    <>
      <span className="res-kind-icon" aria-hidden="true">
        {href ? '↗' : 'lb'}
      </span>
      <span className="res-node-body">
        <span className="res-node-kind">{href ? 'URL' : 'Load balancer'}</span>
        <span className="res-node-name" title={label}>
          {label}
        </span>
      </span>
    </>
  );
  return href ? (
    <a className="res-node entry" style={place(box)} href={href} target="_blank" rel="noreferrer" data-testid="network-entry">
      {body}
    </a>
  ) : (
    <div className="res-node entry" style={place(box)} data-testid="network-entry">
      {body}
    </div>
  );
}
