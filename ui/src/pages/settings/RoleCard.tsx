import { useState } from 'react';
import { deniedReason, useSession } from '../../api/session';
import { RoleTokens } from './RoleTokens';
import { StringList } from './StringList';
import type { ProjectRole } from './types';

interface Props {
  project: string;
  role: ProjectRole;
  editable: boolean;
  canUpdate: boolean | undefined;
  dirty: boolean;
  onChange: (role: ProjectRole) => void;
  onRemove: () => void;
  onTokensChanged: () => void;
}

/** One project role: its description, policies and groups (edited in the draft) and its tokens (written at once). */
export function RoleCard({ project, role, editable, canUpdate, dirty, onChange, onRemove, onTokensChanged }: Props) {
  const { user } = useSession();
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Argo CD lets the members of a role's groups manage its tokens without projects, update.
  const member = (role.groups ?? []).some((g) => user?.groups?.includes(g));
  const mayManageTokens = canUpdate === undefined ? undefined : canUpdate || member;
  return (
    <section className="card role-card" aria-labelledby={`role-${role.name}`}>
      <div className="card-title">
        <h2 id={`role-${role.name}`}>Role {role.name}</h2>
        {editable &&
          (confirmRemove ? (
            <span className="inline-confirm">
              Remove role {role.name} (and its tokens) from the draft?
              <button type="button" className="btn small danger" onClick={onRemove}>
                Remove
              </button>
              <button type="button" className="btn small" onClick={() => setConfirmRemove(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="btn small danger" onClick={() => setConfirmRemove(true)}>
              Remove role
            </button>
          ))}
      </div>
      <label>
        Description of {role.name}
        <input value={role.description ?? ''} readOnly={!editable} onChange={(e) => onChange({ ...role, description: e.target.value || undefined })} />
      </label>
      <StringList
        label={`Policies of ${role.name}`}
        values={role.policies ?? []}
        readOnly={!editable}
        placeholder={`p, proj:${project}:${role.name}, applications, get, ${project}/*, allow`}
        onChange={(policies) => onChange({ ...role, policies })}
      />
      <StringList label={`Groups of ${role.name}`} values={role.groups ?? []} readOnly={!editable} placeholder="an SSO group" onChange={(groups) => onChange({ ...role, groups })} />
      <RoleTokens
        project={project}
        role={role}
        allowed={mayManageTokens}
        denied={deniedReason('projects', 'update', project)}
        blocked={dirty ? 'Save or discard your changes first: tokens are written to the stored project at once' : null}
        onChanged={onTokensChanged}
      />
    </section>
  );
}
