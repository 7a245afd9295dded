import type { ApplicationSyncWindows, SyncWindow } from '../../../api/types';

function windowText(w: SyncWindow): string {
  return `${w.kind} ${w.schedule} for ${w.duration}${w.manualSync ? ' (manual sync allowed)' : ''}`;
}

/** The sync windows assigned to the app, those active now, and whether a manual sync may start now. */
export function SyncWindowsNote({ windows, error }: { windows: ApplicationSyncWindows | null; error: string | null }) {
  if (error) return <span className="muted" title={error}>Sync windows unavailable</span>;
  if (!windows) return <span className="muted">…</span>;
  const assigned = windows.assignedWindows ?? [];
  const active = windows.activeWindows ?? [];
  if (assigned.length === 0) return <span data-testid="sync-windows">None: sync allowed at any time</span>;
  return (
    <span data-testid="sync-windows">
      <strong className={windows.canSync === false ? 'error' : 'ops-ok'}>{windows.canSync === false ? 'Manual sync blocked now' : 'Sync allowed now'}</strong>
      {'. '}
      {active.length > 0 ? `Active: ${active.map(windowText).join('; ')}.` : 'None active now.'}{' '}
      <span className="muted">Assigned: {assigned.map(windowText).join('; ')}.</span>
    </span>
  );
}
