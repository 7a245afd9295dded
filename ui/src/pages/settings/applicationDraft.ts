// A new Application as the create form edits it: plain data, changed by pure functions, so the form and the YAML
// editor are two views of the same object.
import type { Application } from '../../api/types';

export const inClusterServer = 'https://kubernetes.default.svc';
export const createNamespace = 'CreateNamespace=true';

export function blankApplication(): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: '' },
    spec: {
      project: 'default',
      source: { repoURL: '', targetRevision: 'HEAD', path: '' },
      destination: { server: inClusterServer, namespace: '' },
    },
  };
}

/** A copy changed by `change`; an empty syncPolicy (or its empty syncOptions) is left out, as the server would. */
export function edited(app: Application, change: (copy: Application) => void): Application {
  const copy = structuredClone(app);
  change(copy);
  const policy = copy.spec.syncPolicy;
  if (policy) {
    if (policy.syncOptions && policy.syncOptions.length === 0) delete policy.syncOptions;
    if (policy.automated === null || policy.automated === undefined) delete policy.automated;
    if (Object.keys(policy).length === 0) delete copy.spec.syncPolicy;
  }
  return copy;
}

/** The Application as it is sent: what {@link edited} leaves out is left out (the YAML editor may have added it). */
export function normalized(app: Application): Application {
  return edited(app, () => undefined);
}

export function isAutomated(app: Application): boolean {
  return !!app.spec.syncPolicy?.automated && app.spec.syncPolicy.automated.enabled !== false;
}

/** Manual, or automatic with prune and self-heal as given. */
export function withSyncPolicy(app: Application, automatic: boolean, prune: boolean, selfHeal: boolean): Application {
  return edited(app, (a) => {
    const policy = (a.spec.syncPolicy ??= {});
    if (automatic) policy.automated = { prune, selfHeal };
    else delete policy.automated;
  });
}

export function hasSyncOption(app: Application, option: string): boolean {
  return app.spec.syncPolicy?.syncOptions?.includes(option) ?? false;
}

export function withSyncOption(app: Application, option: string, on: boolean): Application {
  return edited(app, (a) => {
    const policy = (a.spec.syncPolicy ??= {});
    const options = (policy.syncOptions ?? []).filter((o) => o !== option);
    policy.syncOptions = on ? [...options, option] : options;
  });
}

/** Reads an Application from YAML: the parsed object, or why it is not one. */
export function applicationFromYaml(parsed: unknown): Application | string {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'The YAML must be one Application object';
  const app = parsed as Partial<Application>;
  if (typeof app.metadata !== 'object' || app.metadata === null) return 'metadata: required (with a name)';
  if (typeof app.spec !== 'object' || app.spec === null) return 'spec: required';
  app.spec.source ??= { repoURL: '' };
  app.spec.destination ??= {};
  return app as Application;
}
