// The calls the resource drawer makes, each as Keelson's (Argo CD's) API takes it.

import { api, enc, query } from '../../../api/client';
import type { Application, ItemList, ManagedResource } from '../../../api/types';
import type { ResourceId } from './resourceModel';

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
};

export interface ResourceAction {
  name: string;
  disabled?: boolean;
  displayName?: string;
  iconClass?: string;
}

export interface KubeEvent {
  metadata: { name: string; uid?: string; creationTimestamp?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string; host?: string };
}

export interface LogEntry {
  content: string;
  timeStamp?: string;
  podName?: string;
  last?: boolean;
}

export type Propagation = 'foreground' | 'background' | 'orphan';

const base = (app: Application) => `/api/v1/applications/${enc(app.metadata.name)}`;

/** namespace, resourceName, version, group, kind (and the app's namespace): how the resource endpoints name an object. */
function resourceQuery(app: Application, id: ResourceId, version?: string, extra: Record<string, string | boolean | undefined> = {}): string {
  return query({
    namespace: id.namespace,
    resourceName: id.name,
    version,
    group: id.group,
    kind: id.kind,
    appNamespace: app.metadata.namespace,
    ...extra,
  });
}

/** The live object, as the server shows it (a Secret's values masked). */
export async function getLiveObject(app: Application, id: ResourceId, version: string | undefined, signal?: AbortSignal): Promise<KubeObject> {
  const answer = await api.get<{ manifest?: string }>(`${base(app)}/resource${resourceQuery(app, id, version)}`, { signal });
  return JSON.parse(answer.manifest ?? '{}') as KubeObject;
}

/** The application's comparison of this one object (desired, live, normalised and predicted states), if it manages it. */
export async function getManagedResource(app: Application, id: ResourceId, signal?: AbortSignal): Promise<ManagedResource | null> {
  const q = query({ namespace: id.namespace, name: id.name, group: id.group, kind: id.kind, appNamespace: app.metadata.namespace });
  const list = await api.get<ItemList<ManagedResource>>(`${base(app)}/managed-resources${q}`, { signal });
  return (
    (list.items ?? []).find((r) => (r.group ?? '') === id.group && r.kind === id.kind && (r.namespace ?? '') === id.namespace && r.name === id.name) ?? null
  );
}

export async function getEvents(app: Application, id: ResourceId, uid: string, signal?: AbortSignal): Promise<KubeEvent[]> {
  const q = query({ resourceName: id.name, resourceNamespace: id.namespace, resourceUID: uid, appNamespace: app.metadata.namespace });
  const list = await api.get<ItemList<KubeEvent>>(`${base(app)}/events${q}`, { signal });
  return list.items ?? [];
}

export async function getActions(app: Application, id: ResourceId, version: string | undefined, signal?: AbortSignal): Promise<ResourceAction[]> {
  const answer = await api.get<{ actions?: ResourceAction[] | null }>(`${base(app)}/resource/actions${resourceQuery(app, id, version)}`, { signal });
  return answer.actions ?? [];
}

/** Runs an action: the body is the action's name as a bare JSON string. */
export function runAction(app: Application, id: ResourceId, version: string | undefined, action: string): Promise<unknown> {
  return api.post(`${base(app)}/resource/actions${resourceQuery(app, id, version)}`, action);
}

/** Deletes the object: foreground (the default), background (force=true) or orphaning its dependents (orphan=true). */
export function deleteResource(app: Application, id: ResourceId, version: string | undefined, propagation: Propagation): Promise<unknown> {
  const flags = { force: propagation === 'background' ? true : undefined, orphan: propagation === 'orphan' ? true : undefined };
  return api.delete(`${base(app)}/resource${resourceQuery(app, id, version, flags)}`);
}

/** The logs stream of a pod, or of every pod under a Deployment, StatefulSet, …. */
export function logsPath(app: Application, id: ResourceId, options: { container?: string; tailLines?: number; follow: boolean }): string {
  const target = id.kind === 'Pod' ? { podName: id.name } : { kind: id.kind, group: id.group, resourceName: id.name };
  return `${base(app)}/logs${query({
    namespace: id.namespace,
    ...target,
    container: options.container,
    tailLines: options.tailLines,
    follow: options.follow,
    appNamespace: app.metadata.namespace,
  })}`;
}
