import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { ShortRevision } from '../../../components/Status';
import type { Application, RevisionHistory } from '../../../api/types';
import { appApi } from './appApi';
import { autoSyncOf, autoSyncPatch } from './autoSync';
import { CommitInfo } from './CommitInfo';
import { ErrorNote } from './ErrorNote';
import { GuardedButton } from './GuardedButton';
import type { AppPermissions } from './useAppPermissions';
import { useAction } from './useAction';

/** What happens with auto-sync, in Keelson's own terms: it refuses a rollback while auto-sync is on, as Argo CD does. */
function AutoSyncNote({ app, can }: { app: Application; can: AppPermissions }) {
  const disable = useAction();
  const target = app.spec.source?.targetRevision || 'HEAD';
  if (!autoSyncOf(app).enabled)
    return (
      <p>
        Auto-sync is off, so the application stays at this revision: it will show <strong>OutOfSync</strong> against {target} until someone syncs it or
        turns auto-sync on (which would sync it back to {target}).
      </p>
    );
  return (
    <div className="ops-warning" role="status" data-testid="rollback-autosync">
      <p>
        <strong>Auto-sync is on.</strong> The server refuses a rollback while auto-sync is enabled (&quot;rollback cannot be initiated when auto-sync is
        enabled&quot;, as in Argo CD): auto-sync would at once sync the application back to {target}. Disable auto-sync first; it stays off after the
        rollback.
      </p>
      <GuardedButton guard={can.update} disabled={disable.busy} onClick={() => void disable.run(() => appApi.mergePatch(app, autoSyncPatch(app, { enabled: false, prune: false, selfHeal: false })))}>
        {disable.busy ? 'Disabling…' : 'Disable auto-sync'}
      </GuardedButton>
      <ErrorNote error={disable.error} what="Cannot disable auto-sync" />
    </div>
  );
}

/** The confirmation of a rollback to one history entry (POST …/rollback {id, prune, dryRun}). */
export function RollbackDialog({
  app,
  entry,
  can,
  onClose,
  onDone,
}: {
  app: Application;
  entry: RevisionHistory | null;
  can: AppPermissions;
  onClose: () => void;
  onDone: () => void;
}) {
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const action = useAction();
  useEffect(() => {
    setPrune(false);
    setDryRun(false);
    action.clear();
  }, [entry?.id]);
  const auto = autoSyncOf(app).enabled;
  const submit = async () => {
    if (entry && (await action.run(() => appApi.rollback(app, entry.id, prune, dryRun)))) onDone();
  };
  return (
    <Dialog
      open={entry !== null}
      title={
        <>
          Roll back {app.metadata.name} to <ShortRevision revision={entry?.revision} />
        </>
      }
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <GuardedButton className="btn primary" guard={can.rollback} blocked={auto && 'Disable auto-sync first'} disabled={action.busy} onClick={() => void submit()}>
            {action.busy ? 'Rolling back…' : dryRun ? 'Dry run the rollback' : 'Roll back'}
          </GuardedButton>
        </>
      }
    >
      {entry && (
        <div className="ops-form">
          <p>
            History entry {entry.id}: <CommitInfo app={app} revision={entry.revision} />
          </p>
          <AutoSyncNote app={app} can={can} />
          <label className="inline">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
            Prune (delete objects that revision does not have)
          </label>
          <label className="inline">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
            Dry run
          </label>
          <ErrorNote error={action.error} what="The rollback was refused" />
        </div>
      )}
    </Dialog>
  );
}
