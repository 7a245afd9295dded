import { useState, type FormEvent } from 'react';
import { Modal, ModalActions } from './Modal';
import type { SyncWindow } from './types';

/** "a, b c" → ["a", "b", "c"]: the globs of a window's applications, namespaces or clusters. */
function words(text: string): string[] | undefined {
  const values = text.split(/[\s,]+/).filter(Boolean);
  return values.length ? values : undefined;
}

const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Adds or edits one sync window of the draft (the server checks it when the project is saved). */
export function SyncWindowDialog({ window, onSave, onClose }: { window?: SyncWindow; onSave: (w: SyncWindow) => void; onClose: () => void }) {
  const [kind, setKind] = useState(window?.kind ?? 'allow');
  const [schedule, setSchedule] = useState(window?.schedule ?? '');
  const [duration, setDuration] = useState(window?.duration ?? '1h');
  const [timeZone, setTimeZone] = useState(window?.timeZone ?? '');
  const [applications, setApplications] = useState((window?.applications ?? []).join(', '));
  const [namespaces, setNamespaces] = useState((window?.namespaces ?? []).join(', '));
  const [clusters, setClusters] = useState((window?.clusters ?? []).join(', '));
  const [manualSync, setManualSync] = useState(window?.manualSync ?? false);
  const targets = [applications, namespaces, clusters].some((t) => words(t));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: SyncWindow = { kind, schedule: schedule.trim(), duration: duration.trim() };
    const [apps, ns, cl] = [words(applications), words(namespaces), words(clusters)];
    if (apps) next.applications = apps;
    if (ns) next.namespaces = ns;
    if (cl) next.clusters = cl;
    if (manualSync) next.manualSync = true;
    if (timeZone.trim()) next.timeZone = timeZone.trim();
    onSave(next);
  };
  return (
    <Modal title={window ? 'Edit sync window' : 'Add sync window'} onClose={onClose}>
      <form onSubmit={submit} className="form-grid">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="allow">allow</option>
            <option value="deny">deny</option>
          </select>
        </label>
        <div className="field">
          <label htmlFor="window-schedule">Schedule</label>
          <input id="window-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)} required placeholder="10 1 * * *" aria-describedby="window-schedule-help" autoComplete="off" />
          <small id="window-schedule-help" className="muted">
            Cron: minute hour day month weekday
          </small>
        </div>
        <label>
          Duration
          <input value={duration} onChange={(e) => setDuration(e.target.value)} required placeholder="1h30m" autoComplete="off" />
        </label>
        <label>
          Time zone
          <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="UTC" list="window-zones" autoComplete="off" />
          <datalist id="window-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </label>
        <label>
          Applications
          <input value={applications} onChange={(e) => setApplications(e.target.value)} placeholder="guestbook-*, wordpress" autoComplete="off" />
        </label>
        <label>
          Namespaces
          <input value={namespaces} onChange={(e) => setNamespaces(e.target.value)} placeholder="prod-*" autoComplete="off" />
        </label>
        <label>
          Clusters
          <input value={clusters} onChange={(e) => setClusters(e.target.value)} placeholder="in-cluster" autoComplete="off" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={manualSync} onChange={(e) => setManualSync(e.target.checked)} />
          Allow manual syncs while the window denies
        </label>
        {!targets && <p className="muted span-all">Name at least one application, namespace or cluster the window applies to.</p>}
        <ModalActions onCancel={onClose}>
          <button type="submit" className="btn primary" disabled={!targets || !schedule.trim() || !duration.trim()}>
            {window ? 'Apply' : 'Add'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
