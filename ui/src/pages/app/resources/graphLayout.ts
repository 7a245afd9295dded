import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { from: string; to: string }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Top-left corners. */
  positions: Map<string, Point & { width: number; height: number }>;
  edges: { from: string; to: string }[];
}

/** Lays a graph out left to right with dagre. Pure: call it only when the graph's shape changed. */
export function layoutGraph(input: LayoutInput): Layout {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of input.edges) if (e.from !== e.to) g.setEdge(e.from, e.to);
  layout(g);

  const positions = new Map<string, Point & { width: number; height: number }>();
  for (const n of input.nodes) {
    const laid = g.node(n.id);
    positions.set(n.id, { x: laid.x - n.width / 2, y: laid.y - n.height / 2, width: n.width, height: n.height });
  }
  const label = g.graph();
  return { width: label.width ?? 0, height: label.height ?? 0, positions, edges: input.edges.filter((e) => e.from !== e.to) };
}

/** An SVG path for an edge: a smooth curve from the source's right side to the target's left side. */
export function edgePath(layout: Layout, from: string, to: string): string | null {
  const a = layout.positions.get(from);
  const b = layout.positions.get(to);
  if (!a || !b) return null;
  const x1 = a.x + a.width;
  const y1 = a.y + a.height / 2;
  const x2 = b.x;
  const y2 = b.y + b.height / 2;
  const bend = Math.max((x2 - x1) / 2, 16);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/** A string that changes exactly when the graph's shape does: the layout is kept while it stays the same. */
export function graphShape(graph: { nodes: { id: string }[]; edges: { from: string; to: string }[] }): string {
  return (
    graph.nodes.map((n) => n.id).join('|') +
    '>' +
    graph.edges.map((e) => `${e.from}>${e.to}`).join('|')
  );
}
