import { api, enc, query } from '../../api/client';
import type { Application } from '../../api/types';

/** Starts a sync of the app at its target revision (Argo's POST …/sync with an empty request). */
export function syncApp(app: Application) {
  return api.post(`/api/v1/applications/${enc(app.metadata.name)}/sync${query({ appNamespace: app.metadata.namespace })}`, {});
}

/** Asks for a refresh (normal: Git again; hard: also the manifest cache). */
export function refreshApp(app: Application, hard = false) {
  return api.get(`/api/v1/applications/${enc(app.metadata.name)}${query({ refresh: hard ? 'hard' : 'normal', appNamespace: app.metadata.namespace })}`);
}

export type Propagation = 'foreground' | 'background' | 'orphan';

/** Deletes the app; foreground/background delete its resources too, orphan leaves them running. */
export function deleteApp(app: Application, propagation: Propagation) {
  const cascade = propagation !== 'orphan';
  return api.delete(
    `/api/v1/applications/${enc(app.metadata.name)}${query({ cascade, propagationPolicy: cascade ? propagation : undefined, appNamespace: app.metadata.namespace })}`,
  );
}
