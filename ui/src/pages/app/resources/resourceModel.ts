// The application's resources as the views show them: what it manages (app.status.resources, with sync status) joined
// with the live resource tree (what those own, with uids, parents, health and networking hints).

import type { Application, ApplicationTree, HealthStatusCode, ResourceNode, SyncStatusCode } from '../../../api/types';

export interface ResourceId {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ResourceItem extends ResourceId {
  /** `<group>/<kind>/<namespace>/<name>`: the id the URL (?node=) and the views use. */
  key: string;
  version: string;
  uid?: string;
  /** In app.status.resources: the application manages it (and so it has a sync status). */
  managed: boolean;
  /** One of the tree's orphanedNodes: in the destination namespace, but neither managed nor owned. */
  orphaned: boolean;
  status?: SyncStatusCode;
  health?: { status: HealthStatusCode; message?: string };
  hook: boolean;
  requiresPruning: boolean;
  /** Keys of the resources that own it. */
  parents: string[];
  createdAt?: string;
  resourceVersion?: string;
  info: { name: string; value: string }[];
  images: string[];
  networkingInfo?: ResourceNode['networkingInfo'];
}

export function resourceKey(r: { group?: string; kind: string; namespace?: string; name: string }): string {
  return `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/** The id in a ?node= value; null when it is not `<group>/<kind>/<namespace>/<name>`. */
export function parseResourceKey(key: string | null): ResourceId | null {
  if (!key) return null;
  const parts = key.split('/');
  if (parts.length !== 4 || !parts[1] || !parts[3]) return null;
  const [group, kind, namespace, name] = parts;
  return { group, kind, namespace, name };
}

function fromNode(node: ResourceNode, orphaned: boolean): ResourceItem {
  return {
    key: resourceKey(node),
    group: node.group ?? '',
    version: node.version,
    kind: node.kind,
    namespace: node.namespace ?? '',
    name: node.name,
    uid: node.uid,
    managed: false,
    orphaned,
    health: node.health,
    hook: false,
    requiresPruning: false,
    parents: [],
    createdAt: node.createdAt,
    resourceVersion: node.resourceVersion,
    info: node.info ?? [],
    images: node.images ?? [],
    networkingInfo: node.networkingInfo,
  };
}

/**
 * Every resource of the application, once each: the managed ones first (in status order, even when the tree has not
 * got them, e.g. Missing), then the others in the tree's order. A parent reference is kept only when the parent is
 * itself in the list.
 */
export function buildResources(app: Application, tree: ApplicationTree | null): ResourceItem[] {
  const byKey = new Map<string, ResourceItem>();
  const byUid = new Map<string, string>();
  const nodes = tree?.nodes ?? [];
  const treeNodes = new Map(nodes.map((n) => [resourceKey(n), n]));

  for (const r of app.status?.resources ?? []) {
    const key = resourceKey(r);
    const node = treeNodes.get(key);
    const item: ResourceItem = node
      ? fromNode(node, false)
      : {
          key,
          group: r.group ?? '',
          version: r.version,
          kind: r.kind,
          namespace: r.namespace ?? '',
          name: r.name,
          managed: true,
          orphaned: false,
          hook: false,
          requiresPruning: false,
          parents: [],
          info: [],
          images: [],
        };
    item.managed = true;
    item.status = r.status;
    item.health = r.health ?? node?.health;
    item.hook = r.hook ?? false;
    item.requiresPruning = r.requiresPruning ?? false;
    byKey.set(key, item);
  }
  const others = [...nodes.map((n) => [n, false] as const), ...(tree?.orphanedNodes ?? []).map((n) => [n, true] as const)];
  for (const [node, orphaned] of others) {
    const key = resourceKey(node);
    if (!byKey.has(key)) byKey.set(key, fromNode(node, orphaned));
  }
  for (const item of byKey.values()) if (item.uid) byUid.set(item.uid, item.key);

  for (const node of [...nodes, ...(tree?.orphanedNodes ?? [])]) {
    const item = byKey.get(resourceKey(node));
    if (!item || !node.parentRefs) continue;
    const parents = node.parentRefs
      .map((p) => (p.uid && byUid.get(p.uid)) || resourceKey(p))
      .filter((k) => k !== item.key && byKey.has(k));
    item.parents = [...new Set(parents)];
  }
  return [...byKey.values()];
}

/** Short names for a kind's icon, as kubectl abbreviates them; others take the kind's capitals. */
const abbreviations: Record<string, string> = {
  Application: 'app',
  ConfigMap: 'cm',
  ControllerRevision: 'rev',
  CronJob: 'cj',
  DaemonSet: 'ds',
  Deployment: 'deploy',
  Endpoints: 'ep',
  EndpointSlice: 'eps',
  HorizontalPodAutoscaler: 'hpa',
  Ingress: 'ing',
  Job: 'job',
  Namespace: 'ns',
  NetworkPolicy: 'netpol',
  PersistentVolume: 'pv',
  PersistentVolumeClaim: 'pvc',
  Pod: 'pod',
  PodDisruptionBudget: 'pdb',
  ReplicaSet: 'rs',
  Role: 'role',
  RoleBinding: 'rb',
  Secret: 'secret',
  Service: 'svc',
  ServiceAccount: 'sa',
  StatefulSet: 'sts',
};

export function kindAbbreviation(kind: string): string {
  return abbreviations[kind] ?? (kind.replace(/[^A-Z]/g, '').toLowerCase() || kind.slice(0, 3).toLowerCase());
}

/** "Pods", "Ingresses", "Endpoints": a kind in the plural, for group nodes and counts. */
export function pluralKind(kind: string, count: number): string {
  if (count === 1) return kind;
  if (/(ss|x|ch|sh)$/.test(kind)) return `${kind}es`;
  if (kind.endsWith('s')) return kind;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

/** "10 Healthy, 2 Progressing" of a set of resources, in the health order worst last. */
export function healthSummary(items: ResourceItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const status = item.health?.status ?? 'Unknown';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const order = ['Healthy', 'Progressing', 'Suspended', 'Degraded', 'Missing', 'Unknown'];
  return [...counts.entries()]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

/** The kinds that have pods of their own (and so logs). */
export const podOwnerKinds = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);
