import { useState } from 'react';
import { Drawer } from '../../../components/Dialog';
import { Ago } from '../../../components/Status';
import type { Application, RevisionHistory } from '../../../api/types';
import { operationRunning } from './AppActions';
import { CommitInfo } from './CommitInfo';
import { GuardedButton } from './GuardedButton';
import { RollbackDialog } from './RollbackDialog';
import type { AppPermissions } from './useAppPermissions';

function initiator(entry: RevisionHistory): string {
  if (entry.initiatedBy?.automated) return 'automated sync';
  return entry.initiatedBy?.username ?? 'unknown';
}

/** ?panel=history: status.history, newest first, each entry with its commit and a rollback to it. */
export function HistoryPanel({ app, can, open, onClose }: { app: Application; can: AppPermissions; open: boolean; onClose: () => void }) {
  const [target, setTarget] = useState<RevisionHistory | null>(null);
  const history = [...(app.status?.history ?? [])].sort((a, b) => b.id - a.id);
  const blocked = app.metadata.deletionTimestamp ? 'The application is being deleted' : operationRunning(app) ? 'A sync is running' : undefined;
  return (
    <Drawer open={open} title={`History: ${app.metadata.name}`} onClose={onClose}>
      {history.length === 0 && <p className="empty">No deployments yet: the history starts with the first sync.</p>}
      <ol className="ops-history" aria-label="Deployments, newest first">
        {history.map((entry, i) => (
          <li key={entry.id} className="card ops-history-entry" aria-label={`History entry ${entry.id}`}>
            <div>
              <div>
                <strong>#{entry.id}</strong> {i === 0 && <span className="chip">deployed now</span>}
              </div>
              <CommitInfo app={app} revision={entry.revision} />
              <div className="muted">
                Deployed <Ago time={entry.deployedAt} /> by {initiator(entry)}
                {entry.source?.path && (
                  <>
                    {' '}
                    from <code>{entry.source.path}</code>
                  </>
                )}
              </div>
            </div>
            {i > 0 && (
              <GuardedButton guard={can.rollback} blocked={blocked} onClick={() => setTarget(entry)}>
                Rollback
              </GuardedButton>
            )}
          </li>
        ))}
      </ol>
      <RollbackDialog
        app={app}
        entry={target}
        can={can}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null);
          onClose();
        }}
      />
    </Drawer>
  );
}
