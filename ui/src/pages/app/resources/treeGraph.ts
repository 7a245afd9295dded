// The tree view's graph: which boxes there are (the application, resources, collapsed groups) and their edges.
// Built from the filtered resources; laid out separately (graphLayout.ts) so that a stream message that changes only
// statuses does not lay the graph out again.

import { isFiltering, matches, type ResourceFilter } from './resourceFilter';
import type { ResourceGraphNode } from './ResourceGraphView';
import type { ResourceItem } from './resourceModel';

/** More children than this of one kind under one parent become one group node. */
export const GROUP_THRESHOLD = 8;

export const ROOT_ID = 'app';

export type TreeNode = { id: typeof ROOT_ID; type: 'app' } | ResourceGraphNode;

export interface TreeGraph {
  nodes: TreeNode[];
  edges: { from: string; to: string }[];
}

export function groupId(parent: string, kind: string): string {
  return `group:${parent}:${kind}`;
}

/**
 * The graph of the resources the filter lets through. A resource hangs under its nearest ancestor that is shown
 * (or under the application); under each node, more than {@link GROUP_THRESHOLD} children of one kind collapse into
 * a group node unless that group is in `expanded`; what hangs under the members then hangs under the group.
 */
export function buildTreeGraph(items: ResourceItem[], filter: ResourceFilter, expanded: ReadonlySet<string>): TreeGraph {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const shown = new Set(items.filter((i) => matches(i, filter)).map((i) => i.key));
  const filtering = isFiltering(filter);

  // The nearest shown ancestors of each shown resource (the application when none).
  const anchors = new Map<string, string[]>();
  const anchorsOf = (key: string, seen: Set<string>): string[] => {
    const item = byKey.get(key);
    if (!item || item.parents.length === 0) return [];
    const out: string[] = [];
    for (const parent of item.parents) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      if (shown.has(parent)) out.push(parent);
      else if (filtering) out.push(...anchorsOf(parent, seen));
    }
    return out;
  };
  const children = new Map<string, string[]>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  for (const key of shown) {
    const item = byKey.get(key)!;
    // Unfiltered, a resource whose parents are all hidden (orphans off) is not shown either.
    const parents = anchorsOf(key, new Set([key]));
    if (parents.length === 0 && item.parents.length > 0 && !filtering) continue;
    anchors.set(key, parents.length ? [...new Set(parents)] : [ROOT_ID]);
    for (const parent of anchors.get(key)!) addChild(parent, key);
  }

  const nodes: TreeNode[] = [{ id: ROOT_ID, type: 'app' }];
  const edges: { from: string; to: string }[] = [];
  const placed = new Set<string>([ROOT_ID]);
  const queue: { id: string; kids: string[] }[] = [{ id: ROOT_ID, kids: children.get(ROOT_ID) ?? [] }];
  while (queue.length > 0) {
    const { id, kids } = queue.shift()!;
    const byKind = new Map<string, string[]>();
    for (const kid of kids) {
      const kind = byKey.get(kid)!.kind;
      const list = byKind.get(kind);
      if (list) list.push(kid);
      else byKind.set(kind, [kid]);
    }
    for (const [kind, keys] of byKind) {
      const gid = groupId(id, kind);
      const fresh = keys.filter((k) => !placed.has(k));
      if (keys.length > GROUP_THRESHOLD && !expanded.has(gid)) {
        if (fresh.length === 0) continue;
        fresh.forEach((k) => placed.add(k));
        nodes.push({ id: gid, type: 'group', kind, members: fresh });
        edges.push({ from: id, to: gid });
        queue.push({ id: gid, kids: [...new Set(fresh.flatMap((k) => children.get(k) ?? []))] });
        continue;
      }
      for (const key of keys) {
        edges.push({ from: id, to: key });
        if (placed.has(key)) continue;
        placed.add(key);
        nodes.push({ id: key, type: 'resource', key });
        queue.push({ id: key, kids: children.get(key) ?? [] });
      }
    }
  }
  // A child reached first through a group and then again from a shown parent keeps its place in the group.
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}
