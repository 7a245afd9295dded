import { useMemo } from 'react';
import { buildNetworkGraph } from './networkGraph';
import type { ResourceFilter } from './resourceFilter';
import { ResourceGraphView, useExpandedGroups } from './ResourceGraphView';
import type { ResourceItem } from './resourceModel';
import { EntryNodeBox } from './ResourceNodeBox';

/** The network view: URLs and load balancers → Ingresses → Services → the Pods they select. */
export function NetworkView({
  items,
  filter,
  selected,
  onSelect,
}: {
  items: ResourceItem[];
  filter: ResourceFilter;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { expanded, expand, collapseAll } = useExpandedGroups();
  const graph = useMemo(() => buildNetworkGraph(items, filter, expanded), [items, filter, expanded]);
  if (graph.nodes.length === 0) return <p className="muted">No Ingress or Service{items.length ? ' matches the filters' : ' yet'}.</p>;
  return (
    <div className="res-network">
      {collapseAll}
      <ResourceGraphView
        graph={graph}
        label="Network"
        items={items}
        selected={selected}
        onSelect={onSelect}
        onExpand={expand}
        renderOther={(node, box) => <EntryNodeBox label={node.label} href={node.href} box={box} />}
      />
    </div>
  );
}
