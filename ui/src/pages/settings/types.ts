// The shapes of the settings pages' API answers (Argo CD's AppProject, Repository, Cluster and Account), as far as
// these pages read and write them.
import type { ObjectMeta } from '../../api/types';

export interface GroupKind {
  group: string;
  kind: string;
}

export interface Destination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface JwtToken {
  iat: number;
  exp?: number;
  id?: string;
}

export interface ProjectRole {
  name: string;
  description?: string;
  policies?: string[];
  groups?: string[];
  jwtTokens?: JwtToken[];
}

export interface SyncWindow {
  kind: string;
  schedule: string;
  duration: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
}

export interface ProjectSpec {
  description?: string;
  sourceRepos?: string[];
  sourceNamespaces?: string[];
  destinations?: Destination[];
  roles?: ProjectRole[];
  syncWindows?: SyncWindow[];
  clusterResourceWhitelist?: GroupKind[];
  clusterResourceBlacklist?: GroupKind[];
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
}

export interface Project {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ProjectSpec;
  status?: { jwtTokensByRole?: Record<string, { items?: JwtToken[] }> };
}

export interface ConnectionState {
  status: string;
  message?: string;
  attemptedAt?: string;
}

export interface Repository {
  repo: string;
  type?: string;
  name?: string;
  project?: string;
  username?: string;
  insecure?: boolean;
  connectionState?: ConnectionState;
}

export interface Cluster {
  server: string;
  name: string;
  project?: string;
  namespaces?: string[];
  connectionState?: ConnectionState;
  serverVersion?: string;
  info?: { serverVersion?: string; applicationsCount?: number; connectionState?: ConnectionState };
}

export interface AccountToken {
  id: string;
  issuedAt: number;
  expiresAt?: number;
}

export interface Account {
  name: string;
  enabled: boolean;
  capabilities?: string[];
  tokens?: AccountToken[];
}
