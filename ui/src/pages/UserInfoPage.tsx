import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useSession } from '../api/session';
import { PageHeader } from '../components/Layout';
import { ErrorMessage } from './settings/ErrorMessage';
import { Modal } from './settings/Modal';
import { useAction } from './settings/useAction';

/** /user-info: who the session is (username, issuer, groups) and the password change of a local account. */
export function UserInfoPage() {
  const { user } = useSession();
  return (
    <div className="userinfo">
      <PageHeader title="User info" />
      <section className="card" aria-labelledby="who">
        <h2 id="who">Session</h2>
        <dl>
          <dt>Username</dt>
          <dd data-testid="userinfo-username">{user?.username}</dd>
          <dt>Issuer</dt>
          <dd>{user?.iss ?? '—'}</dd>
          <dt>Groups</dt>
          <dd>{user?.groups?.length ? user.groups.map((g) => <span key={g} className="chip">{g}</span>) : <span className="muted">none</span>}</dd>
        </dl>
      </section>
      <ChangePassword />
    </div>
  );
}

/**
 * PUT /api/v1/account/password. Tokens issued before a password change stop working, this session's too, so after a
 * change the user is told and logged out, to log in again with the new password.
 */
function ChangePassword() {
  const { logout } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [changed, setChanged] = useState(false);
  const mismatch = confirm.length > 0 && next !== confirm;
  const { run, busy, error } = useAction(async () => {
    await api.put('/api/v1/account/password', { currentPassword: current, newPassword: next });
    setChanged(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next === confirm) void run();
  };
  const logIn = async () => {
    // The session's token is no longer valid; logging out also clears its cookie.
    // Back here after the login (where the login guard would send the user too, so the two agree).
    await logout().catch(() => undefined);
    navigate(`/login?return=${encodeURIComponent('/user-info')}`, { replace: true });
  };

  return (
    <section className="card password-form" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={submit} className="form-stack">
        <label>
          Current password
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label>
          New password
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
        </label>
        <label>
          Confirm new password
          <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required aria-invalid={mismatch} />
        </label>
        {mismatch && <p className="error">The new password and its confirmation differ.</p>}
        <ErrorMessage error={error} testId="password-error" />
        <div>
          <button type="submit" className="btn primary" disabled={busy || !current || !next || next !== confirm}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
      {changed && (
        <Modal title="Password changed" onClose={logIn} role="alertdialog">
          <p>Your password was changed. Sessions and tokens issued before the change no longer work, this one too, so you will be logged out: log in again with the new password.</p>
          <div className="dialog-actions">
            <button type="button" className="btn primary" onClick={logIn}>
              Log in again
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
