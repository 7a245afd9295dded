import { useState } from 'react';
import { api, enc, query } from '../../api/client';
import { ConfirmDialog } from './ConfirmDialog';
import { Guarded } from './Guarded';
import { NewTokenForm } from './NewTokenForm';
import { TableHead } from './TableHead';
import { formatUnix } from './time';
import type { JwtToken, ProjectRole } from './types';

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
  const [deleting, setDeleting] = useState<JwtToken | null>(null);
  const tokens = role.jwtTokens ?? [];
  const path = `/api/v1/projects/${enc(project)}/roles/${enc(role.name)}/token`;
  return (
    <div className="role-tokens">
      <h3>Tokens of {role.name}</h3>
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
      <NewTokenForm
        owner={`role ${role.name}`}
        allowed={allowed}
        denied={denied}
        blocked={blocked}
        issue={async (id, expiresIn) => (await api.post<{ token: string }>(path, { id, expiresIn })).token}
        onIssued={onChanged}
      />
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
