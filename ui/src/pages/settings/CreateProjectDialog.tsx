import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorMessage } from './ErrorMessage';
import { Modal, ModalActions } from './Modal';
import type { Project } from './types';
import { useAction } from './useAction';

/** New project: a name and a description (POST /api/v1/projects); the rest is edited on the project's page. */
export function CreateProjectDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { run, busy, error } = useAction(async () => {
    const project: Project = { metadata: { name: name.trim() }, spec: description.trim() ? { description: description.trim() } : {} };
    const created = await api.post<Project>('/api/v1/projects', { project });
    onCreated(created.metadata.name);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  return (
    <Modal title="New project" onClose={onClose}>
      <form onSubmit={submit} className="form-stack">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="off" />
        </label>
        <label>
          Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" />
        </label>
        <ErrorMessage error={error} />
        <ModalActions onCancel={onClose}>
          <button type="submit" className="btn primary" disabled={busy || !name.trim()}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </ModalActions>
      </form>
    </Modal>
  );
}
