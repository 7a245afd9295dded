import type { Application } from '../../../api/types';

export interface AutoSync {
  enabled: boolean;
  prune: boolean;
  selfHeal: boolean;
}

/** spec.syncPolicy.automated as a person reads it: present (and not enabled: false) means on. */
export function autoSyncOf(app: Application): AutoSync {
  const automated = app.spec.syncPolicy?.automated;
  return { enabled: !!automated && automated.enabled !== false, prune: !!automated?.prune, selfHeal: !!automated?.selfHeal };
}

/** The merge patch that sets the auto-sync policy (null removes spec.syncPolicy.automated: manual sync). */
export function autoSyncPatch(app: Application, next: AutoSync): object {
  if (!next.enabled) return { spec: { syncPolicy: { automated: null } } };
  const current = app.spec.syncPolicy?.automated;
  // Argo CD 3's enabled flag is only written when the Application already uses it.
  const enabled = current && current.enabled !== undefined ? { enabled: true } : {};
  return { spec: { syncPolicy: { automated: { ...enabled, prune: next.prune, selfHeal: next.selfHeal } } } };
}

export function autoSyncText(auto: AutoSync): string {
  if (!auto.enabled) return 'Manual sync';
  return `Auto-sync on (prune ${auto.prune ? 'on' : 'off'}, self-heal ${auto.selfHeal ? 'on' : 'off'})`;
}
