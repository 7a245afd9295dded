import { useState, type FormEvent } from 'react';
import { api, enc, query } from '../../api/client';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorMessage } from './ErrorMessage';
import { Guarded } from './Guarded';
import { TableHead } from './TableHead';
import { TokenReveal } from './TokenReveal';
import { formatUnix, parseLifetime } from './time';
import type { JwtToken, ProjectRole } from './types';
import { messageOf } from './useApi';

interface Props {
  project: string;
  role: ProjectRole;
  allowed: boolean | undefined;
  denied: string;
  blocked: string | null;
  onChanged: () => void;
}

/** A role's tokens (id, issued, expires) with Delete, and a form that issues one (shown once). */
export function RoleTokens({ project, role, allowed, denied, blocked, onChanged }: Props) {
  const [id, setId] = useState('');
  const [lifetime, setLifetime] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<JwtToken | null>(null);
  const tokens = role.jwtTokens ?? [];
  const seconds = parseLifetime(lifetime);
  const path = `/api/v1/projects/${enc(project)}/roles/${enc(role.name)}/token`;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (seconds === null) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ token: string }>(path, { id: id.trim() || undefined, expiresIn: seconds });
      setToken(answer.token);
      setId('');
      setLifetime('');
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="role-tokens">
      <h4>Tokens of {role.name}</h4>
      {tokens.length === 0 ? (
        <p className="muted">No tokens.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={`Tokens of ${role.name}`}>
            <TableHead columns={['ID', 'Issued', 'Expires']} actions />
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id ?? t.iat}>
                  <td>
                    <code>{t.id ?? t.iat}</code>
                  </td>
                  <td>{formatUnix(t.iat)}</td>
                  <td>{formatUnix(t.exp)}</td>
                  <td>
                    <Guarded className="btn small danger" allowed={allowed} denied={denied} blocked={blocked} onClick={() => setDeleting(t)} aria-label={`Delete token ${t.id ?? t.iat}`}>
                      Delete
                    </Guarded>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {token && <TokenReveal token={token} onDone={() => setToken(null)} />}
      <form className="inline-form" onSubmit={create} aria-label={`New token for ${role.name}`}>
        <label>
          Token ID (optional)
          <input value={id} onChange={(e) => setId(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Expires in
          <input value={lifetime} onChange={(e) => setLifetime(e.target.value)} placeholder="never, or 30d, 12h, 90m" aria-invalid={seconds === null} autoComplete="off" />
        </label>
        <Guarded type="submit" className="btn" allowed={allowed} denied={denied} blocked={blocked ?? (seconds === null ? 'Expires in: a lifetime such as 30d, 12h or 90m' : null)} disabled={busy}>
          {busy ? 'Creating token…' : 'Create token'}
        </Guarded>
      </form>
      <ErrorMessage error={error} />
      {deleting && (
        <ConfirmDialog
          title={`Delete token ${deleting.id ?? deleting.iat}?`}
          confirm="Delete token"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`${path}/${deleting.iat}${query({ id: deleting.id })}`);
            onChanged();
          }}
        >
          <p>Whoever holds this token of role {role.name} loses its access at once.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
