// The shapes of Argo CD's API (argoproj.io/v1alpha1 and its REST gateway), as far as the UI reads them.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  kustomize?: { images?: string[]; namePrefix?: string; nameSuffix?: string };
}

export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean } | null;
  syncOptions?: string[];
  retry?: { limit?: number; backoff?: { duration?: string; factor?: number; maxDuration?: string } };
}

export interface ApplicationSpec {
  project: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: { server?: string; name?: string; namespace?: string };
  syncPolicy?: SyncPolicy;
  revisionHistoryLimit?: number;
}

export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: SyncStatusCode;
  health?: { status: HealthStatusCode; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

export interface ResourceResult {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  hookPhase?: string;
  hookType?: string;
  syncPhase?: string;
}

export interface OperationState {
  operation?: { sync?: { revision?: string; prune?: boolean; dryRun?: boolean }; initiatedBy?: { username?: string; automated?: boolean } };
  phase: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  syncResult?: { revision?: string; resources?: ResourceResult[] };
  retryCount?: number;
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  deployedAt?: string;
  deployStartedAt?: string;
  source?: ApplicationSource;
  initiatedBy?: { username?: string; automated?: boolean };
}

export interface ApplicationCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ApplicationStatus {
  sync?: { status: SyncStatusCode; revision?: string; comparedTo?: unknown };
  health?: { status: HealthStatusCode; message?: string };
  resources?: ResourceStatus[];
  operationState?: OperationState;
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  reconciledAt?: string;
  summary?: { images?: string[]; externalURLs?: string[] };
  sourceType?: string;
}

export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: unknown;
}

export interface ApplicationList {
  metadata?: { resourceVersion?: string };
  items: Application[] | null;
}

export interface ApplicationWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  application: Application;
}

export interface ResourceNode {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  parentRefs?: { group?: string; kind: string; namespace?: string; name: string; uid?: string }[];
  info?: { name: string; value: string }[];
  networkingInfo?: {
    targetLabels?: Record<string, string>;
    labels?: Record<string, string>;
    targetRefs?: { group?: string; kind: string; namespace?: string; name: string }[];
    ingress?: { ip?: string; hostname?: string }[];
    externalURLs?: string[];
  };
  resourceVersion?: string;
  images?: string[];
  health?: { status: HealthStatusCode; message?: string };
  createdAt?: string;
}

export interface ApplicationTree {
  nodes?: ResourceNode[];
  orphanedNodes?: ResourceNode[];
  hosts?: unknown[];
}

export interface ManagedResource {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** JSON strings, as Argo's API gives them. */
  targetState?: string;
  liveState?: string;
  normalizedLiveState?: string;
  predictedLiveState?: string;
  diff?: string;
  hook?: boolean;
  modified?: boolean;
  resourceVersion?: string;
}

export interface UserInfo {
  loggedIn: boolean;
  username?: string;
  iss?: string;
  groups?: string[];
}

export interface Settings {
  appLabelKey?: string;
  url?: string;
  userLoginsDisabled?: boolean;
  statusBadgeEnabled?: boolean;
  uiBannerContent?: string;
}

export interface RevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
  tags?: string[];
}

export interface AppProject {
  metadata: ObjectMeta;
  spec: {
    description?: string;
    sourceRepos?: string[];
    destinations?: { server?: string; name?: string; namespace?: string }[];
    roles?: { name: string; description?: string; policies?: string[]; groups?: string[]; jwtTokens?: { iat: number; exp?: number; id?: string }[] }[];
    syncWindows?: { kind: string; schedule: string; duration: string; applications?: string[]; namespaces?: string[]; clusters?: string[]; manualSync?: boolean; timeZone?: string }[];
    clusterResourceWhitelist?: { group: string; kind: string }[];
    namespaceResourceBlacklist?: { group: string; kind: string }[];
  };
}

export interface ItemList<T> {
  items: T[] | null;
}

// --- The application's operations (sync, diff, history, sync windows) ---

export interface IgnoreDifference {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

// Merged into ApplicationSpec above (interface declaration merging): the fields the operations read.
export interface ApplicationSpec {
  ignoreDifferences?: IgnoreDifference[];
}

export interface SyncWindow {
  kind: 'allow' | 'deny' | string;
  schedule: string;
  duration: string;
  manualSync?: boolean;
}

/** GET /api/v1/applications/{name}/syncwindows. */
export interface ApplicationSyncWindows {
  activeWindows?: SyncWindow[];
  assignedWindows?: SyncWindow[];
  canSync?: boolean;
}

/** A resource a sync is limited to (SyncOperationResource). */
export interface SyncResourceRef {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface RetryStrategy {
  limit?: number;
  backoff?: { duration?: string; factor?: number; maxDuration?: string };
}

/** POST /api/v1/applications/{name}/sync (ApplicationSyncRequest). */
export interface ApplicationSyncRequest {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  strategy?: { apply?: { force?: boolean } } | { hook?: { force?: boolean } };
  resources?: SyncResourceRef[];
  syncOptions?: { items: string[] };
  retryStrategy?: RetryStrategy;
}
