import { useState, type FormEvent } from 'react';
import { RoleCard } from './RoleCard';
import type { Project, ProjectSpec } from './types';

interface Props {
  project: Project;
  editable: boolean;
  /** projects, update on this project (role tokens also need it, unless the caller is in the role's groups). */
  canUpdate: boolean | undefined;
  /** The draft has unsaved changes (tokens are written at once, so they wait). */
  dirty: boolean;
  onChange: (spec: ProjectSpec) => void;
  /** A token was issued or deleted: read the project again. */
  onTokensChanged: () => void;
}

/** The project's roles: description, policies, groups and tokens of each; add and remove roles. */
export function ProjectRolesTab({ project, editable, canUpdate, dirty, onChange, onTokensChanged }: Props) {
  const spec = project.spec;
  const roles = spec.roles ?? [];
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const addRole = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || roles.some((r) => r.name === name.trim())) return;
    onChange({ ...spec, roles: [...roles, { name: name.trim(), description: description.trim() || undefined, policies: [], groups: [] }] });
    setName('');
    setDescription('');
  };
  return (
    <div className="form-stack">
      {roles.length === 0 && <p className="muted">This project has no roles.</p>}
      {roles.map((role, i) => (
        <RoleCard
          key={role.name}
          project={project.metadata.name}
          role={role}
          editable={editable}
          canUpdate={canUpdate}
          dirty={dirty}
          onChange={(next) => onChange({ ...spec, roles: roles.map((r, j) => (j === i ? next : r)) })}
          onRemove={() => onChange({ ...spec, roles: roles.filter((_, j) => j !== i) })}
          onTokensChanged={onTokensChanged}
        />
      ))}
      {editable && (
        <form className="card inline-form" onSubmit={addRole} aria-label="Add a role">
          <h2>Add a role</h2>
          <label>
            Role name
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </label>
          <label>
            Role description
            <input value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit" className="btn" disabled={!name.trim() || roles.some((r) => r.name === name.trim())}>
            Add role
          </button>
        </form>
      )}
    </div>
  );
}
