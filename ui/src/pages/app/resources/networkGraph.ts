// The network view's graph, from the tree's networkingInfo: the URLs and load balancers traffic comes in by →
// Ingresses (their targetRefs) → Services → the Pods whose labels a Service's targetLabels select.

import { matches, type ResourceFilter } from './resourceFilter';
import type { ResourceGraphNode } from './ResourceGraphView';
import { resourceKey, type ResourceItem } from './resourceModel';
import { GROUP_THRESHOLD, groupId } from './treeGraph';

/** Where traffic comes in: a URL an Ingress serves, or a load balancer's name or address. */
export type EntryNode = { id: string; type: 'entry'; label: string; href?: string };

export type NetworkNode = ResourceGraphNode | EntryNode;

export interface NetworkGraph {
  nodes: NetworkNode[];
  edges: { from: string; to: string }[];
}

function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const wanted = Object.entries(selector);
  return wanted.length > 0 && !!labels && wanted.every(([k, v]) => labels[k] === v);
}

/** The graph of the resources the filter lets through; a Service's pods past {@link GROUP_THRESHOLD} collapse unless expanded. */
export function buildNetworkGraph(items: ResourceItem[], filter: ResourceFilter, expanded: ReadonlySet<string>): NetworkGraph {
  const shown = items.filter((i) => matches(i, filter));
  const ingresses = shown.filter((i) => i.kind === 'Ingress');
  const services = shown.filter((i) => i.kind === 'Service' && !i.group);
  const pods = shown.filter((i) => i.kind === 'Pod' && !i.group);
  const nodes = new Map<string, NetworkNode>();
  const edges: { from: string; to: string }[] = [];
  const link = (from: string, to: string) => edges.push({ from, to });
  const entry = (label: string, href?: string) => {
    const id = `entry:${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, type: 'entry', label, href });
    return id;
  };
  const balancers = (item: ResourceItem) => (item.networkingInfo?.ingress ?? []).map((i) => i.hostname || i.ip).filter((h): h is string => !!h);

  const serviceKeys = new Set(services.map((s) => s.key));
  for (const ing of ingresses) {
    nodes.set(ing.key, { id: ing.key, type: 'resource', key: ing.key });
    const urls = ing.networkingInfo?.externalURLs ?? [];
    for (const url of urls) link(entry(url, url), ing.key);
    if (urls.length === 0) for (const lb of balancers(ing)) link(entry(lb), ing.key);
    for (const ref of ing.networkingInfo?.targetRefs ?? []) {
      const key = resourceKey({ group: ref.group, kind: ref.kind, namespace: ref.namespace ?? ing.namespace, name: ref.name });
      if (serviceKeys.has(key)) link(ing.key, key);
    }
  }
  for (const svc of services) {
    nodes.set(svc.key, { id: svc.key, type: 'resource', key: svc.key });
    for (const lb of balancers(svc)) link(entry(lb), svc.key);
    const selector = svc.networkingInfo?.targetLabels ?? {};
    const selected = pods.filter((p) => p.namespace === svc.namespace && selects(selector, p.networkingInfo?.labels));
    const gid = groupId(svc.key, 'Pod');
    if (selected.length > GROUP_THRESHOLD && !expanded.has(gid)) {
      nodes.set(gid, { id: gid, type: 'group', kind: 'Pod', members: selected.map((p) => p.key) });
      link(svc.key, gid);
      continue;
    }
    for (const pod of selected) {
      if (!nodes.has(pod.key)) nodes.set(pod.key, { id: pod.key, type: 'resource', key: pod.key });
      link(svc.key, pod.key);
    }
  }
  return { nodes: [...nodes.values()], edges };
}
