import { useState } from 'react';
import { api, enc } from '../../api/client';
import { deniedReason, useCanI, useSession } from '../../api/session';
import { ConfirmDialog } from './ConfirmDialog';
import { Guarded } from './Guarded';
import { Modal } from './Modal';
import { NewTokenForm } from './NewTokenForm';
import { formatUnix } from './time';
import type { Account, AccountToken } from './types';

/** One account: its state, capabilities and tokens, with Generate token and Revoke where the caller may. */
export function AccountRow({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { user } = useSession();
  const canUpdate = useCanI('accounts', 'update', account.name);
  const [generating, setGenerating] = useState(false);
  const [revoking, setRevoking] = useState<AccountToken | null>(null);
  // An account manages its own tokens; another's need accounts, update.
  const allowed = account.name === user?.username ? true : canUpdate;
  const denied = deniedReason('accounts', 'update', account.name);
  const noApiKey = account.capabilities?.includes('apiKey') ? null : `${account.name} has no apiKey capability: it cannot have tokens`;
  const tokens = account.tokens ?? [];
  return (
    <tr>
      <th scope="row">{account.name}</th>
      <td>{account.enabled ? 'yes' : <span className="error">disabled</span>}</td>
      <td>
        {(account.capabilities ?? []).map((c) => (
          <span key={c} className="chip">
            {c}
          </span>
        ))}
      </td>
      <td>
        {tokens.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="token-list" aria-label={`Tokens of ${account.name}`}>
            {tokens.map((t) => (
              <li key={t.id}>
                <code>{t.id}</code>
                <span className="muted">
                  issued {formatUnix(t.issuedAt)}, expires {formatUnix(t.expiresAt)}
                </span>
                <Guarded className="btn small danger" allowed={allowed} denied={denied} onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.id} of ${account.name}`}>
                  Revoke
                </Guarded>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <Guarded className="btn small" allowed={allowed} denied={denied} blocked={noApiKey} onClick={() => setGenerating(true)} aria-label={`Generate token for ${account.name}`}>
          Generate token
        </Guarded>
        {generating && (
          <Modal title={`New token for ${account.name}`} onClose={() => setGenerating(false)}>
            <NewTokenForm
              owner={account.name}
              allowed={allowed}
              denied={denied}
              issue={async (id, expiresIn) => (await api.post<{ token: string }>(`/api/v1/account/${enc(account.name)}/token`, { id, expiresIn })).token}
              onIssued={onChanged}
              onDone={() => setGenerating(false)}
            />
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setGenerating(false)}>
                Close
              </button>
            </div>
          </Modal>
        )}
        {revoking && (
          <ConfirmDialog
            title={`Revoke token ${revoking.id} of ${account.name}?`}
            confirm="Revoke"
            onClose={() => setRevoking(null)}
            onConfirm={async () => {
              await api.delete(`/api/v1/account/${enc(account.name)}/token/${enc(revoking.id)}`);
              onChanged();
            }}
          >
            <p>Whoever uses this token is refused from now on.</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
