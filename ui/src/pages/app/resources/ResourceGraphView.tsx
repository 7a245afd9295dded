import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { GraphCanvas } from './GraphCanvas';
import { graphShape, layoutGraph } from './graphLayout';
import type { ResourceFilter } from './resourceFilter';
import { healthSummary, pluralKind, type ResourceItem } from './resourceModel';
import { GroupNodeBox, NODE_HEIGHT, NODE_WIDTH, ResourceNodeBox } from './ResourceNodeBox';

type Box = { x: number; y: number; width: number; height: number };

/** The nodes every resource graph has; each view adds its own (the Application, entry points). */
export type ResourceGraphNode = { id: string; type: 'resource'; key: string } | { id: string; type: 'group'; kind: string; members: string[] };

export interface Graph<Other> {
  nodes: (ResourceGraphNode | Other)[];
  edges: { from: string; to: string }[];
}

/** What every view of the resources is given. */
export interface ResourceViewProps {
  items: ResourceItem[];
  filter: ResourceFilter;
  selected: string | null;
  onSelect: (key: string) => void;
}

/**
 * A graph of resources (the tree view's, the network view's) built by `build` from the filtered resources and the
 * groups expanded so far, and laid out again only when its shape changed: a stream message that changes statuses
 * re-renders the boxes and moves nothing. Resource boxes open the drawer, group boxes expand; other nodes are what
 * `renderOther` makes of them; `empty` is shown instead when `build` gives no resource.
 */
export function ResourceGraphView<Other extends { id: string; type: string }>({
  items,
  filter,
  selected,
  onSelect,
  build,
  label,
  empty,
  renderOther,
}: ResourceViewProps & {
  build: (items: ResourceItem[], filter: ResourceFilter, expanded: ReadonlySet<string>) => Graph<Other>;
  label: string;
  empty: string;
  renderOther: (node: Other, box: Box) => ReactNode;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const expand = useCallback((id: string) => setExpanded((s) => new Set([...s, id])), []);
  const graph = useMemo(() => build(items, filter, expanded), [build, items, filter, expanded]);
  const shape = graphShape(graph);
  // Keyed by the shape alone: it names every node and edge the layout depends on.
  const layout = useMemo(() => layoutGraph({ nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges: graph.edges }), [shape]);
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const byId = useMemo(() => new Map<string, ResourceGraphNode | Other>(graph.nodes.map((n) => [n.id, n])), [graph]);
  const hasResources = graph.nodes.some((n) => isResource(n) || isGroup(n));
  return (
    <div className="res-graph">
      {expanded.size > 0 && (
        <div className="toolbar">
          <button type="button" className="btn small" onClick={() => setExpanded(new Set())}>
            Collapse groups
          </button>
        </div>
      )}
      {!hasResources && <p className="muted">{empty}</p>}
      <GraphCanvas
        layout={layout}
        label={label}
        highlighted={selected}
        renderNode={(id, box) => {
          const node = byId.get(id);
          if (!node) return null;
          if (isGroup(node)) {
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
          if (isResource(node)) {
            const item = byKey.get(node.key);
            return item ? <ResourceNodeBox item={item} box={box} selected={item.key === selected} onSelect={onSelect} /> : null;
          }
          return renderOther(node as Other, box);
        }}
      />
    </div>
  );
}

function isGroup(node: { type: string }): node is Extract<ResourceGraphNode, { type: 'group' }> {
  return node.type === 'group';
}

function isResource(node: { type: string }): node is Extract<ResourceGraphNode, { type: 'resource' }> {
  return node.type === 'resource';
}
