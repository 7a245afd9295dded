import { useState } from 'react';
import { TableHead } from './TableHead';
import type { Destination } from './types';

interface Props {
  destinations: Destination[];
  onChange: (destinations: Destination[]) => void;
  readOnly?: boolean;
}

const inCluster = 'https://kubernetes.default.svc';

/** The project's destinations (server or cluster name, and namespace; patterns allowed), with Remove and Add. */
export function DestinationList({ destinations, onChange, readOnly }: Props) {
  const [server, setServer] = useState(inCluster);
  const [namespace, setNamespace] = useState('');
  const add = () => {
    if (!server.trim() || !namespace.trim()) return;
    onChange([...destinations, { server: server.trim(), namespace: namespace.trim() }]);
    setNamespace('');
  };
  return (
    <fieldset className="string-list">
      <legend>Destinations</legend>
      {destinations.length === 0 ? (
        <p className="muted">None: Applications of this project may deploy nowhere.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Destinations">
            <TableHead columns={['Server', 'Name', 'Namespace']} actions={!readOnly} />
            <tbody>
              {destinations.map((d, i) => (
                <tr key={`${d.server}-${d.name}-${d.namespace}-${i}`}>
                  <td>
                    <code>{d.server ?? '—'}</code>
                  </td>
                  <td>{d.name ?? '—'}</td>
                  <td>
                    <code>{d.namespace ?? '—'}</code>
                  </td>
                  {!readOnly && (
                    <td>
                      <button
                        type="button"
                        className="btn small ghost"
                        aria-label={`Remove destination ${d.server ?? d.name} ${d.namespace}`}
                        onClick={() => onChange(destinations.filter((_, j) => j !== i))}
                      >
                        ✕
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <div className="string-list-add">
          <label>
            Destination server
            <input value={server} onChange={(e) => setServer(e.target.value)} placeholder={inCluster} />
          </label>
          <label>
            Destination namespace
            <input
              value={namespace}
              onChange={(e) => setNamespace(e.target.value)}
              placeholder="guestbook-* or *"
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </label>
          <button type="button" className="btn small" onClick={add} disabled={!server.trim() || !namespace.trim()}>
            Add destination
          </button>
        </div>
      )}
    </fieldset>
  );
}
