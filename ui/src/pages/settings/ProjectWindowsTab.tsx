import { useState } from 'react';
import { SyncWindowDialog } from './SyncWindowDialog';
import { TableHead } from './TableHead';
import type { ProjectSpec, SyncWindow } from './types';

interface Props {
  spec: ProjectSpec;
  /** The stored spec: only a window stored as it is can be said open or closed now. */
  saved: ProjectSpec;
  /** The windows the server says are open now. */
  active: SyncWindow[];
  editable: boolean;
  onChange: (spec: ProjectSpec) => void;
}

/** A window's identity for comparing the draft with what the server stores and answers. */
function key(w: SyncWindow): string {
  return JSON.stringify([w.kind, w.schedule, w.duration, w.timeZone ?? '', w.applications ?? [], w.namespaces ?? [], w.clusters ?? [], !!w.manualSync]);
}

function list(values?: string[]) {
  return values?.length ? values.join(', ') : '—';
}

/** The project's sync windows: when syncs are allowed or denied, and whether each is open now; add, edit, remove. */
export function ProjectWindowsTab({ spec, saved, active, editable, onChange }: Props) {
  const windows = spec.syncWindows ?? [];
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const stored = new Set((saved.syncWindows ?? []).map(key));
  const open = new Set(active.map(key));
  const put = (window: SyncWindow) => {
    const next = editing === 'new' ? [...windows, window] : windows.map((w, i) => (i === editing ? window : w));
    onChange({ ...spec, syncWindows: next });
    setEditing(null);
  };
  return (
    <div>
      <div className="toolbar">
        <p className="muted">Sync windows take effect when the project is saved.</p>
        {editable && (
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            Add sync window
          </button>
        )}
      </div>
      {windows.length === 0 ? (
        <p className="muted">No sync windows: Applications of this project may sync at any time.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Sync windows">
            <TableHead columns={['Kind', 'Schedule', 'Duration', 'Time zone', 'Applications', 'Namespaces', 'Clusters', 'Manual sync', 'Now']} actions={editable} />
            <tbody>
              {windows.map((w, i) => (
                <tr key={`${key(w)}-${i}`}>
                  <td>
                    <span className={`chip window-${w.kind}`}>{w.kind}</span>
                  </td>
                  <td>
                    <code>{w.schedule}</code>
                  </td>
                  <td>{w.duration}</td>
                  <td>{w.timeZone || 'UTC'}</td>
                  <td>{list(w.applications)}</td>
                  <td>{list(w.namespaces)}</td>
                  <td>{list(w.clusters)}</td>
                  <td>{w.manualSync ? 'allowed' : 'no'}</td>
                  <td data-testid="window-state">
                    {!stored.has(key(w)) ? <span className="muted">not saved</span> : open.has(key(w)) ? <strong>Active</strong> : <span className="muted">Inactive</span>}
                  </td>
                  {editable && (
                    <td>
                      <div className="row-actions">
                        <button type="button" className="btn small" onClick={() => setEditing(i)} aria-label={`Edit sync window ${i + 1}`}>
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn small danger"
                          onClick={() => onChange({ ...spec, syncWindows: windows.filter((_, j) => j !== i) })}
                          aria-label={`Remove sync window ${i + 1}`}
                        >
                          Remove
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing !== null && (
        <SyncWindowDialog window={editing === 'new' ? undefined : windows[editing]} onSave={put} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
