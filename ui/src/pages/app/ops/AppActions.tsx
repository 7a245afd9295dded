import type { Application } from '../../../api/types';
import { appApi } from './appApi';
import { ErrorNote } from './ErrorNote';
import { GuardedButton } from './GuardedButton';
import type { AppPermissions } from './useAppPermissions';
import { useAction } from './useAction';
import type { AppPanel } from './usePanel';

export function operationRunning(app: Application): boolean {
  const phase = app.status?.operationState?.phase;
  return !!app.operation || phase === 'Running' || phase === 'Terminating';
}

/** The header's buttons: what a user does to the app. Each is disabled, with the reason, when it may not be used. */
export function AppActions({ app, can, openPanel }: { app: Application; can: AppPermissions; openPanel: (panel: AppPanel) => void }) {
  const refresh = useAction();
  const terminate = useAction();
  const deleting = app.metadata.deletionTimestamp ? 'The application is being deleted' : undefined;
  const running = operationRunning(app);
  return (
    <div className="ops-actions">
      <div className="ops-buttons" role="toolbar" aria-label="Application actions">
        <GuardedButton className="btn primary" guard={can.sync} blocked={deleting ?? (running && 'A sync is running')} onClick={() => openPanel('sync')}>
          Sync
        </GuardedButton>
        <button type="button" className="btn" disabled={refresh.busy} onClick={() => void refresh.run(() => appApi.refresh(app, 'normal'))}>
          {refresh.busy ? 'Refreshing…' : 'Refresh'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={refresh.busy}
          title="Render the manifests again without the caches"
          onClick={() => void refresh.run(() => appApi.refresh(app, 'hard'))}
        >
          Hard refresh
        </button>
        <button type="button" className="btn" onClick={() => openPanel('diff')}>
          Diff
        </button>
        <button type="button" className="btn" onClick={() => openPanel('history')}>
          History and rollback
        </button>
        <button type="button" className="btn" onClick={() => openPanel('details')}>
          App details
        </button>
        {running && (
          <GuardedButton className="btn danger" guard={can.sync} disabled={terminate.busy} onClick={() => void terminate.run(() => appApi.terminate(app))}>
            {app.status?.operationState?.phase === 'Terminating' ? 'Terminating…' : 'Terminate'}
          </GuardedButton>
        )}
        <GuardedButton className="btn danger" guard={can.delete} blocked={deleting} onClick={() => openPanel('delete')}>
          Delete
        </GuardedButton>
      </div>
      <ErrorNote error={refresh.error} what="Refresh failed" />
      <ErrorNote error={terminate.error} what="Cannot terminate" />
    </div>
  );
}
