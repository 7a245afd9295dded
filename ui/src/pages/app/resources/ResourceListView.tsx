import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { Ago, HealthBadge, SyncBadge } from '../../../components/Status';
import { matches } from './resourceFilter';
import type { ResourceViewProps } from './ResourceGraphView';
import type { ResourceItem } from './resourceModel';
import { ResourceMarks } from './ResourceNodeBox';
import { TableHead } from './TableHead';

const ROW_HEIGHT = 34;

function message(item: ResourceItem): string {
  if (item.health?.message) return item.health.message;
  if (item.requiresPruning) return 'Not in Git any more: a sync with prune deletes it';
  return item.info.find((i) => i.name === 'Status Reason')?.value ?? '';
}

/** The list view: one row per resource, sorted by kind and name; only the rows in sight are rendered. */
export function ResourceListView({ items, filter, selected, onSelect }: ResourceViewProps) {
  const rows = useMemo(
    () => items.filter((i) => matches(i, filter)).sort((a, b) => a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name)),
    [items, filter],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 600 },
  });
  const virtual = virtualizer.getVirtualItems();
  const before = virtual.length ? virtual[0].start : 0;
  const after = virtual.length ? virtualizer.getTotalSize() - virtual[virtual.length - 1].end : 0;

  if (rows.length === 0) return <p className="muted">{items.length === 0 ? 'No resources yet.' : 'No resource matches the filters.'}</p>;
  return (
    <div className="res-list-scroll" ref={scroller} role="region" aria-label="Resource list" tabIndex={0}>
      <table className="table res-list" aria-rowcount={rows.length + 1}>
        <TableHead columns={['Kind', 'Namespace', 'Name', 'Sync', 'Health', 'Created', 'Message']} />
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: before, padding: 0, border: 0 }} />
            </tr>
          )}
          {virtual.map((v) => {
            const item = rows[v.index];
            return (
              <tr
                key={item.key}
                className={item.key === selected ? 'selected' : undefined}
                aria-rowindex={v.index + 2}
                onClick={() => onSelect(item.key)}
                data-testid="resource-row"
                data-kind={item.kind}
                data-name={item.name}
              >
                <td>{item.kind}</td>
                <td>{item.namespace || '—'}</td>
                <td>
                  <button type="button" className="linklike" onClick={(e) => (e.stopPropagation(), onSelect(item.key))}>
                    {item.name}
                  </button>{' '}
                  <ResourceMarks item={item} />
                </td>
                <td>{item.managed ? <SyncBadge status={item.status} /> : <span className="muted">—</span>}</td>
                <td>{item.health ? <HealthBadge status={item.health.status} message={item.health.message} /> : <span className="muted">—</span>}</td>
                <td>
                  <Ago time={item.createdAt} />
                </td>
                <td className="res-message">{message(item)}</td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: after, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
