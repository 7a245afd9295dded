import { DestinationList } from './DestinationList';
import { StringList } from './StringList';
import type { ProjectSpec } from './types';

interface Props {
  spec: ProjectSpec;
  editable: boolean;
  onChange: (spec: ProjectSpec) => void;
}

/** The project's description, the repositories its Applications may use and where they may deploy. */
export function ProjectSummaryTab({ spec, editable, onChange }: Props) {
  return (
    <div className="form-stack">
      <label>
        Description
        <input value={spec.description ?? ''} readOnly={!editable} onChange={(e) => onChange({ ...spec, description: e.target.value || undefined })} />
      </label>
      <StringList
        label="Source repositories"
        values={spec.sourceRepos ?? []}
        readOnly={!editable}
        placeholder="https://github.com/org/repo.git or *"
        empty="None: no Application may use this project yet."
        onChange={(sourceRepos) => onChange({ ...spec, sourceRepos })}
      />
      <DestinationList destinations={spec.destinations ?? []} readOnly={!editable} onChange={(destinations) => onChange({ ...spec, destinations })} />
    </div>
  );
}
