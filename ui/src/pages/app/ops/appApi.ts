// The application's operation calls, each one REST call of Argo CD's ApplicationService.
import { api, enc, query } from '../../../api/client';
import type { Application, ApplicationSyncRequest, ApplicationSyncWindows, ItemList, ManagedResource, RevisionMetadata } from '../../../api/types';

type Params = Record<string, string | boolean | undefined>;

function path(app: Application, suffix = '', params: Params = {}): string {
  return `/api/v1/applications/${enc(app.metadata.name)}${suffix}${query({ ...params, appNamespace: app.metadata.namespace })}`;
}

export type Cascade = 'foreground' | 'background' | 'non-cascading';

export const appApi = {
  /** Blocks until the engine has reconciled (normal) or also re-rendered without its caches (hard). */
  refresh: (app: Application, mode: 'normal' | 'hard') => api.get<Application>(path(app, '', { refresh: mode })),
  sync: (app: Application, body: ApplicationSyncRequest) => api.post<Application>(path(app, '/sync'), body),
  rollback: (app: Application, id: number, prune: boolean, dryRun: boolean) => api.post<Application>(path(app, '/rollback'), { id, prune, dryRun }),
  terminate: (app: Application) => api.delete<object>(path(app, '/operation')),
  /** A JSON merge patch (RFC 7386) of the Application, as Argo's PATCH takes it: the patch as a string. */
  mergePatch: (app: Application, patch: object) =>
    api.patch<Application>(path(app), { name: app.metadata.name, patch: JSON.stringify(patch), patchType: 'merge' }),
  delete: (app: Application, cascade: Cascade) =>
    api.delete<object>(path(app, '', cascade === 'non-cascading' ? { cascade: 'false' } : { cascade: 'true', propagationPolicy: cascade })),
  managedResources: (app: Application, signal?: AbortSignal) => api.get<ItemList<ManagedResource>>(path(app, '/managed-resources'), { signal }),
  syncWindows: (app: Application, signal?: AbortSignal) => api.get<ApplicationSyncWindows>(path(app, '/syncwindows'), { signal }),
  revisionMetadata: (app: Application, revision: string) => api.get<RevisionMetadata>(path(app, `/revisions/${enc(revision)}/metadata`)),
};
