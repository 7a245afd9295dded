import { useCallback, useMemo, useState } from 'react';
import type { Application } from '../../../api/types';
import { GraphCanvas } from './GraphCanvas';
import { layoutGraph } from './graphLayout';
import type { ResourceFilter } from './resourceFilter';
import { healthSummary, pluralKind, type ResourceItem } from './resourceModel';
import { AppNodeBox, GroupNodeBox, NODE_HEIGHT, NODE_WIDTH, ResourceNodeBox } from './ResourceNodeBox';
import { buildTreeGraph, graphShape, ROOT_ID, type TreeNode } from './treeGraph';

/**
 * The tree view: the Application → what it manages → what those own, left to right. The graph is rebuilt from
 * every tree message, but laid out again only when its shape changed (a status change moves nothing).
 */
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
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const graph = useMemo(() => buildTreeGraph(items, filter, expanded), [items, filter, expanded]);
  const shape = graphShape(graph);
  // Keyed by the shape alone: it names every node and edge the layout depends on.
  const layout = useMemo(() => layoutGraph({ nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges: graph.edges }), [shape]);
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const byId = useMemo(() => new Map<string, TreeNode>(graph.nodes.map((n) => [n.id, n])), [graph]);
  const expand = useCallback((id: string) => setExpanded((s) => new Set([...s, id])), []);

  return (
    <div className="res-tree">
      {expanded.size > 0 && (
        <div className="toolbar">
          <button type="button" className="btn small" onClick={() => setExpanded(new Set())}>
            Collapse groups
          </button>
        </div>
      )}
      {graph.nodes.length === 1 && <p className="muted">{items.length === 0 ? 'No resources yet.' : 'No resource matches the filters.'}</p>}
      <GraphCanvas
        layout={layout}
        label="Resource tree"
        highlighted={selected}
        renderNode={(id, box) => {
          const node = byId.get(id);
          if (!node) return null;
          if (node.type === 'app' || id === ROOT_ID) return <AppNodeBox app={app} box={box} />;
          if (node.type === 'group') {
            const members = node.members.map((k) => byKey.get(k)).filter((m): m is ResourceItem => !!m);
            return (
              <GroupNodeBox
                kind={node.kind}
                title={`${members.length} ${pluralKind(node.kind, members.length)}`}
                summary={healthSummary(members)}
                box={box}
                onExpand={() => expand(id)}
              />
            );
          }
          const item = byKey.get(node.key);
          return item ? <ResourceNodeBox item={item} box={box} selected={item.key === selected} onSelect={onSelect} /> : null;
        }}
      />
    </div>
  );
}
