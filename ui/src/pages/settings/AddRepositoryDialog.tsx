import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from './ErrorMessage';
import { Modal, ModalActions } from './Modal';
import { ProjectOptions } from './ProjectOptions';
import type { Repository } from './types';
import { useAction } from './useAction';

/**
 * Registers a Git repository (POST /api/v1/repositories): URL, and a username and password or token for https. The
 * server checks it can connect first and says why not. The password is sent once and never shown again.
 */
export function AddRepositoryDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [repo, setRepo] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [project, setProject] = useState('');
  const { run, busy, error } = useAction(async () => {
    const body: Repository & { password?: string } = { repo: repo.trim(), type: 'git' };
    if (username) body.username = username;
    if (password) body.password = password;
    if (project) body.project = project;
    await api.post('/api/v1/repositories', body);
    setPassword('');
    onAdded();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  return (
    <Modal title="Add repository" onClose={onClose}>
      <form onSubmit={submit} className="form-stack">
        <label>
          Repository URL
          <input value={repo} onChange={(e) => setRepo(e.target.value)} required placeholder="https://github.com/org/repo.git" autoComplete="off" autoFocus />
        </label>
        <p className="muted">Type: git (Keelson serves Git repositories).</p>
        <label>
          Username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Password or token
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
        <label>
          Project (optional)
          <select value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">none: every project</option>
            <ProjectOptions />
          </select>
        </label>
        <ErrorMessage error={error} testId="repository-error" />
        <ModalActions onCancel={onClose}>
          <button type="submit" className="btn primary" disabled={busy || !repo.trim()}>
            {busy ? 'Connecting…' : 'Add'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
