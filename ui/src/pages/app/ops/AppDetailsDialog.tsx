import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { Ago } from '../../../components/Status';
import type { Application } from '../../../api/types';
import { appApi } from './appApi';
import { autoSyncOf, autoSyncPatch, type AutoSync } from './autoSync';
import { ErrorNote } from './ErrorNote';
import { Fact } from './Fact';
import { GuardedButton, type Guard } from './GuardedButton';
import { useAction } from './useAction';

function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <span className="ops-commit">
      {entries.map(([k, v]) => (
        <span key={k} className="chip">
          {k}={v}
        </span>
      ))}
    </span>
  );
}

/** ?panel=details: the app's sync policy — auto-sync, prune, self-heal — changed with a merge patch of spec.syncPolicy. */
export function AppDetailsDialog({ app, guard, open, onClose }: { app: Application; guard: Guard; open: boolean; onClose: () => void }) {
  const [policy, setPolicy] = useState<AutoSync>(() => autoSyncOf(app));
  const action = useAction();
  const current = autoSyncOf(app);
  useEffect(() => {
    if (open) {
      setPolicy(autoSyncOf(app));
      action.clear();
    }
  }, [open]);
  const changed = policy.enabled !== current.enabled || (policy.enabled && (policy.prune !== current.prune || policy.selfHeal !== current.selfHeal));
  const save = async () => {
    if (await action.run(() => appApi.mergePatch(app, autoSyncPatch(app, policy)))) onClose();
  };
  const options = app.spec.syncPolicy?.syncOptions ?? [];
  return (
    <Dialog
      open={open}
      title={`App details: ${app.metadata.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <GuardedButton className="btn primary" guard={guard} blocked={!changed && 'Nothing changed'} disabled={action.busy} onClick={() => void save()}>
            {action.busy ? 'Saving…' : 'Save sync policy'}
          </GuardedButton>
        </>
      }
    >
      <div className="ops-form">
        <fieldset className="ops-fieldset">
          <legend>Sync policy</legend>
          <label className="inline">
            <input type="checkbox" checked={policy.enabled} onChange={(e) => setPolicy({ ...policy, enabled: e.target.checked })} />
            Automated sync (sync whenever Git changes)
          </label>
          <label className="inline">
            <input type="checkbox" checked={policy.prune} disabled={!policy.enabled} onChange={(e) => setPolicy({ ...policy, prune: e.target.checked })} />
            Prune (delete objects removed from Git)
          </label>
          <label className="inline">
            <input type="checkbox" checked={policy.selfHeal} disabled={!policy.enabled} onChange={(e) => setPolicy({ ...policy, selfHeal: e.target.checked })} />
            Self heal (undo changes made in the cluster)
          </label>
        </fieldset>
        <dl className="ops-facts ops-details">
          <Fact label="Created">
            <Ago time={app.metadata.creationTimestamp} />
          </Fact>
          <Fact label="Sync options">{options.length > 0 ? options.join(', ') : <span className="muted">none</span>}</Fact>
          <Fact label="Labels" wide>
            <Labels labels={app.metadata.labels} />
          </Fact>
        </dl>
        <ErrorNote error={action.error} what="The change was refused" />
      </div>
    </Dialog>
  );
}
