import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from './ErrorMessage';
import { Modal, ModalActions } from './Modal';
import { useAction } from './useAction';

/**
 * Registers a cluster (POST /api/v1/clusters): its API server's URL, a name, and how to reach it — a bearer token
 * and either its CA (PEM) or "skip TLS verification". The server connects first and says why it could not; the token
 * is sent once, kept in the cluster's Secret and never shown again.
 */
export function AddClusterDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [server, setServer] = useState('');
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [ca, setCa] = useState('');
  const [insecure, setInsecure] = useState(false);
  const [namespaces, setNamespaces] = useState('');
  const { run, busy, error } = useAction(async () => {
    const tlsClientConfig: Record<string, unknown> = { insecure };
    if (ca.trim() && !insecure) tlsClientConfig.caData = btoa(ca.trim() + '\n');
    const config: Record<string, unknown> = { tlsClientConfig };
    if (token) config.bearerToken = token;
    const body: Record<string, unknown> = { server: server.trim(), name: name.trim(), config };
    const list = namespaces
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (list.length) body.namespaces = list;
    await api.post('/api/v1/clusters', body);
    setToken('');
    onAdded();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  return (
    <Modal title="Add cluster" onClose={onClose}>
      <form onSubmit={submit} className="form-stack">
        <label>
          API server URL
          <input value={server} onChange={(e) => setServer(e.target.value)} required placeholder="https://kube.example.com:6443" autoComplete="off" autoFocus />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Bearer token
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="new-password" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} /> Skip TLS verification (insecure)
        </label>
        {!insecure && (
          <label>
            CA certificate (PEM; empty: the system's)
            <textarea rows={4} value={ca} onChange={(e) => setCa(e.target.value)} spellCheck={false} />
          </label>
        )}
        <label>
          Namespaces (comma-separated; empty: the whole cluster)
          <input value={namespaces} onChange={(e) => setNamespaces(e.target.value)} autoComplete="off" />
        </label>
        <ErrorMessage error={error} testId="cluster-error" />
        <ModalActions onCancel={onClose}>
          <button type="submit" className="btn primary" disabled={busy || !server.trim() || !name.trim()}>
            {busy ? 'Connecting…' : 'Add'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
