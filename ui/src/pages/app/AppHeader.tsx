import type { Application } from '../../api/types';
import { PageHeader } from '../../components/Layout';
import { AppActions } from './ops/AppActions';
import { AppDetailsDialog } from './ops/AppDetailsDialog';
import { Conditions } from './ops/Conditions';
import { DeleteDialog } from './ops/DeleteDialog';
import { DiffPanel } from './ops/DiffPanel';
import { HistoryPanel } from './ops/HistoryPanel';
import { StatusSummary } from './ops/StatusSummary';
import { SyncDialog } from './ops/SyncDialog';
import { useAppPermissions } from './ops/useAppPermissions';
import { usePanel } from './ops/usePanel';
import { useSyncWindows } from './ops/useSyncWindows';

/**
 * The application's header, live from the app prop: its status, revision, last operation, conditions and sync
 * windows; the actions; and their dialogs and panels, each opened by ?panel=… (sync, diff, history, details, delete).
 */
export function AppHeader({ app }: { app: Application }) {
  const [panel, setPanel] = usePanel();
  const can = useAppPermissions(app);
  const { windows, error: windowsError } = useSyncWindows(app);
  const close = () => setPanel(null);
  return (
    <header className="ops-header">
      <PageHeader
        title={
          <>
            {app.metadata.name}
            {app.metadata.deletionTimestamp && <span className="badge ops-deleting"> deleting…</span>}
          </>
        }
      >
        <AppActions app={app} can={can} openPanel={setPanel} />
      </PageHeader>
      <Conditions conditions={app.status?.conditions} />
      <StatusSummary app={app} windows={windows} windowsError={windowsError} onShowDiff={() => setPanel('diff')} />
      <SyncDialog app={app} guard={can.sync} windows={windows} open={panel === 'sync'} onClose={close} />
      <DiffPanel app={app} open={panel === 'diff'} onClose={close} />
      <HistoryPanel app={app} can={can} open={panel === 'history'} onClose={close} />
      <AppDetailsDialog app={app} guard={can.update} open={panel === 'details'} onClose={close} />
      <DeleteDialog app={app} guard={can.delete} open={panel === 'delete'} onClose={close} />
    </header>
  );
}
