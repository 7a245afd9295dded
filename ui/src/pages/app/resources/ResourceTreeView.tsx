import { useMemo } from 'react';
import type { Application } from '../../../api/types';
import type { ResourceFilter } from './resourceFilter';
import { ResourceGraphView, useExpandedGroups } from './ResourceGraphView';
import type { ResourceItem } from './resourceModel';
import { AppNodeBox } from './ResourceNodeBox';
import { buildTreeGraph } from './treeGraph';


/** The tree view: the Application → what it manages → what those own, left to right. */
export function ResourceTreeView({
  app,
  items,
  filter,
  selected,
  onSelect,
}: {
  app: Application;
  items: ResourceItem[];
  filter: ResourceFilter;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { expanded, expand, collapseAll } = useExpandedGroups();
  const graph = useMemo(() => buildTreeGraph(items, filter, expanded), [items, filter, expanded]);
  return (
    <div className="res-tree">
      {collapseAll}
      {graph.nodes.length === 1 && <p className="muted">{items.length === 0 ? 'No resources yet.' : 'No resource matches the filters.'}</p>}
      <ResourceGraphView
        graph={graph}
        label="Resource tree"
        items={items}
        selected={selected}
        onSelect={onSelect}
        onExpand={expand}
        renderOther={(_, box) => <AppNodeBox app={app} box={box} />}
      />
    </div>
  );
}
