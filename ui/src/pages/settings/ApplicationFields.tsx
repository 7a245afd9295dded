import type { Application, ItemList } from '../../api/types';
import { ProjectOptions } from './ProjectOptions';
import { createNamespace, edited, hasSyncOption, isAutomated, withSyncOption, withSyncPolicy } from './applicationDraft';
import type { Cluster, Repository } from './types';
import { useApi } from './useApi';

interface Props {
  app: Application;
  onChange: (app: Application) => void;
}

/**
 * The create form's fields over an Application: name, project, sync policy, source (repository, revision, path),
 * destination (cluster, namespace) and sync options. Projects, repositories and clusters are offered from the API;
 * the repository is also free text.
 */
export function ApplicationFields({ app, onChange }: Props) {
  const repositories = useApi<ItemList<Repository>>('/api/v1/repositories').data?.items ?? [];
  const clusters = useApi<ItemList<Cluster>>('/api/v1/clusters').data?.items ?? [];
  const spec = app.spec;
  const source = spec.source ?? { repoURL: '' };
  const automated = isAutomated(app);
  const policy = spec.syncPolicy?.automated;
  const set = (change: (a: Application) => void) => onChange(edited(app, change));
  const setName = (name: string) =>
    set((a) => {
      a.metadata.name = name;
    });
  const setProject = (project: string) =>
    set((a) => {
      a.spec.project = project;
    });
  const setSource = (field: 'repoURL' | 'targetRevision' | 'path', value: string) =>
    set((a) => {
      a.spec.source = { ...(a.spec.source ?? { repoURL: '' }), [field]: value };
    });
  const setDestination = (destination: Application['spec']['destination']) =>
    set((a) => {
      a.spec.destination = { ...a.spec.destination, ...destination };
    });
  const servers = clusters.some((c) => c.server === spec.destination.server) || !spec.destination.server ? clusters : [...clusters, { server: spec.destination.server, name: '' }];

  return (
    <>
      <fieldset>
        <legend>General</legend>
        <label>
          Application name
          <input value={app.metadata.name} onChange={(e) => setName(e.target.value)} required autoComplete="off" autoFocus />
        </label>
        <label>
          Project
          <select value={spec.project} onChange={(e) => setProject(e.target.value)}>
            <ProjectOptions current={spec.project} />
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Sync policy</legend>
        <label>
          Sync policy
          <select value={automated ? 'automatic' : 'manual'} onChange={(e) => onChange(withSyncPolicy(app, e.target.value === 'automatic', !!policy?.prune, !!policy?.selfHeal))}>
            <option value="manual">Manual</option>
            <option value="automatic">Automatic</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={!!policy?.prune} disabled={!automated} onChange={(e) => onChange(withSyncPolicy(app, true, e.target.checked, !!policy?.selfHeal))} />
          Prune resources
        </label>
        <label className="inline">
          <input type="checkbox" checked={!!policy?.selfHeal} disabled={!automated} onChange={(e) => onChange(withSyncPolicy(app, true, !!policy?.prune, e.target.checked))} />
          Self heal
        </label>
        <label className="inline">
          <input type="checkbox" checked={hasSyncOption(app, createNamespace)} onChange={(e) => onChange(withSyncOption(app, createNamespace, e.target.checked))} />
          Create the namespace (CreateNamespace=true)
        </label>
      </fieldset>
      <fieldset>
        <legend>Source</legend>
        <label>
          Repository URL
          <input value={source.repoURL} onChange={(e) => setSource('repoURL', e.target.value)} list="new-app-repos" required placeholder="https://github.com/org/repo.git" autoComplete="off" />
          <datalist id="new-app-repos">
            {repositories.map((r) => (
              <option key={`${r.project}/${r.repo}`} value={r.repo} />
            ))}
          </datalist>
        </label>
        <label>
          Revision
          <input value={source.targetRevision ?? ''} onChange={(e) => setSource('targetRevision', e.target.value)} placeholder="HEAD, a branch, tag or commit" autoComplete="off" />
        </label>
        <label>
          Path
          <input value={source.path ?? ''} onChange={(e) => setSource('path', e.target.value)} placeholder="overlays/dev" autoComplete="off" />
        </label>
      </fieldset>
      <fieldset>
        <legend>Destination</legend>
        <label>
          Cluster
          <select value={spec.destination.server ?? ''} onChange={(e) => setDestination({ server: e.target.value, name: undefined })}>
            {servers.map((c) => (
              <option key={c.server} value={c.server}>
                {c.name ? `${c.name} (${c.server})` : c.server}
              </option>
            ))}
          </select>
        </label>
        <label>
          Namespace
          <input value={spec.destination.namespace ?? ''} onChange={(e) => setDestination({ namespace: e.target.value })} autoComplete="off" />
        </label>
      </fieldset>
    </>
  );
}
