import { useState, type FormEvent } from 'react';
import { parse, stringify } from 'yaml';
import { api, query } from '../api/client';
import { deniedReason, useCanI } from '../api/session';
import type { Application } from '../api/types';
import { ApplicationFields } from './settings/ApplicationFields';
import { applicationFromYaml, blankApplication, normalized } from './settings/applicationDraft';
import { ErrorMessage } from './settings/ErrorMessage';
import { Guarded } from './settings/Guarded';
import { Modal, ModalActions } from './settings/Modal';
import { useAction } from './settings/useAction';

interface Props {
  onClose: () => void;
  /** The Application was created (its name). */
  onCreated: (name: string) => void;
}

/**
 * New application: a drawer with a form (name, project, sync policy, source, destination, sync options) or, with
 * "Edit as YAML", the same Application as YAML — each edits what the other shows. Create posts it with
 * validate=true; the server's refusal is shown under the form.
 */
export function CreateApplicationPanel({ onClose, onCreated }: Props) {
  const [app, setApp] = useState<Application>(blankApplication);
  const [yamlText, setYamlText] = useState<string | null>(null);
  const [yamlError, setYamlError] = useState<string | null>(null);
  const project = app.spec.project || 'default';
  const canCreate = useCanI('applications', 'create', `${project}/*`);
  const { run, busy, error } = useAction(async () => {
    const created = await api.post<Application>(`/api/v1/applications${query({ validate: true })}`, normalized(app));
    onCreated(created.metadata?.name ?? app.metadata.name);
  });

  const editYaml = (text: string) => {
    setYamlText(text);
    try {
      const read = applicationFromYaml(parse(text));
      if (typeof read === 'string') setYamlError(read);
      else {
        setApp(read);
        setYamlError(null);
      }
    } catch (e) {
      setYamlError((e as Error).message);
    }
  };
  const toggleYaml = () => {
    if (yamlText === null) setYamlText(stringify(app));
    else if (!yamlError) setYamlText(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!yamlError) void run();
  };

  return (
    <Modal title="New application" onClose={onClose} variant="drawer">
      <form className="app-form" onSubmit={submit} aria-label="New application">
        <div className="toolbar">
          <button
            type="button"
            className="btn"
            aria-pressed={yamlText !== null}
            onClick={toggleYaml}
            disabled={!!yamlError}
            title={yamlError ? 'Fix the YAML first' : undefined}
          >
            Edit as YAML
          </button>
        </div>
        {yamlText === null ? (
          <ApplicationFields app={app} onChange={setApp} />
        ) : (
          <div className="field">
            <label htmlFor="new-app-yaml">Application YAML</label>
            <textarea
              id="new-app-yaml"
              className="yaml"
              value={yamlText}
              onChange={(e) => editYaml(e.target.value)}
              spellCheck={false}
              aria-invalid={!!yamlError}
              aria-describedby="new-app-yaml-error"
            />
            <span id="new-app-yaml-error" className="error yaml-error" role="status">
              {yamlError}
            </span>
          </div>
        )}
        <ErrorMessage error={error} testId="create-app-error" />
        <ModalActions onCancel={onClose}>
          <Guarded
            type="submit"
            className="btn primary"
            allowed={canCreate}
            denied={deniedReason('applications', 'create', `${project}/*`)}
            blocked={yamlError ? 'Fix the YAML first' : !app.metadata.name ? 'Name the application first' : null}
            disabled={busy}
          >
            {busy ? 'Creating…' : 'Create'}
          </Guarded>
        </ModalActions>
      </form>
    </Modal>
  );
}
