import type { Application } from '../../../api/types';
import { Ago } from '../../../components/Status';
import { getEvents } from './resourceApi';
import type { ResourceId } from './resourceModel';
import { TableHead } from './TableHead';
import { useLoad } from './useLoad';

/** The Kubernetes events of the object, oldest first (as kubectl describe lists them). */
export function EventsTab({ app, id, uid }: { app: Application; id: ResourceId; uid?: string }) {
  const events = useLoad((signal) => (uid ? getEvents(app, id, uid, signal) : Promise.resolve([])), `${app.metadata.name}/${id.kind}/${id.namespace}/${id.name}/${uid ?? ''}`);
  if (!uid) return <p className="muted">Waiting for the resource tree to name this object&apos;s uid…</p>;
  const sorted = [...(events.data ?? [])].sort((a, b) => when(a).localeCompare(when(b)));
  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn small" onClick={events.reload} disabled={events.loading}>
          {events.loading ? 'Loading…' : 'Reload'}
        </button>
      </div>
      {events.error && (
        <p className="error" role="alert">
          The events: {events.error}
        </p>
      )}
      {events.data && sorted.length === 0 && <p className="muted">No events for this object.</p>}
      {sorted.length > 0 && (
        <table className="table res-events">
          <TableHead columns={['Type', 'Reason', 'Message', 'Count', 'Last seen']} />
          <tbody>
            {sorted.map((e) => (
              <tr key={e.metadata.uid ?? e.metadata.name} className={e.type === 'Warning' ? 'warning' : undefined}>
                <td>{e.type ?? '—'}</td>
                <td>{e.reason ?? '—'}</td>
                <td>{e.message}</td>
                <td>{e.count ?? 1}</td>
                <td>
                  <Ago time={when(e) || undefined} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function when(e: { lastTimestamp?: string; eventTime?: string; firstTimestamp?: string; metadata: { creationTimestamp?: string } }): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}
