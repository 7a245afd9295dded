import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, enc } from '../../api/client';
import { deniedReason, useCanI } from '../../api/session';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorMessage } from './ErrorMessage';
import { Guarded } from './Guarded';
import { ProjectResourcesTab } from './ProjectResourcesTab';
import { ProjectRolesTab } from './ProjectRolesTab';
import { ProjectSummaryTab } from './ProjectSummaryTab';
import { ProjectWindowsTab } from './ProjectWindowsTab';
import { SettingsHeader } from './SettingsHeader';
import { TabPanel, Tabs } from './Tabs';
import type { Project, ProjectSpec, SyncWindow } from './types';
import { useAction } from './useAction';
import { messageOf } from './useApi';

const tabs = [
  { id: 'summary', label: 'Summary' },
  { id: 'roles', label: 'Roles' },
  { id: 'windows', label: 'Sync windows' },
  { id: 'resources', label: 'Resources' },
];

/** The project's sync windows that are open now, as the server tells (none when it cannot). */
async function openWindows(name: string): Promise<SyncWindow[]> {
  try {
    return (await api.get<{ windows?: SyncWindow[] | null }>(`/api/v1/projects/${enc(name)}/syncwindows`)).windows ?? [];
  } catch {
    return [];
  }
}

/**
 * /settings/projects/:name — one AppProject. The tabs edit a draft of it; Save writes the draft (PUT with the
 * resourceVersion it was read at, so a change made meanwhile is refused, not overwritten). Role tokens are written
 * at once, so they wait until the draft is saved.
 */
export function ProjectPage() {
  const { name = '' } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const tab = tabs.some((t) => t.id === search.get('tab')) ? search.get('tab')! : 'summary';
  const [saved, setSaved] = useState<Project | null>(null);
  const [draft, setDraft] = useState<Project | null>(null);
  const [active, setActive] = useState<SyncWindow[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const canUpdate = useCanI('projects', 'update', name);
  const canDelete = useCanI('projects', 'delete', name);

  const load = useCallback(async () => {
    try {
      const project = await api.get<Project>(`/api/v1/projects/${enc(name)}`);
      setSaved(project);
      setDraft(project);
      setLoadError(null);
      setActive(await openWindows(name));
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [name]);

  // A 409 says the project changed meanwhile; a 400 names every field that is wrong.
  const { run: save, busy: saving, error: saveError, clear: clearSaveError } = useAction(async () => {
    setNotice(null);
    const stored = await api.put<Project>(`/api/v1/projects/${enc(name)}`, { project: draft });
    setSaved(stored);
    setDraft(stored);
    setNotice('Saved.');
    setActive(await openWindows(name));
  });

  useEffect(() => {
    setSaved(null);
    setDraft(null);
    void load();
  }, [load]);

  if (loadError && !draft)
    return (
      <>
        <SettingsHeader trail={[{ to: '/settings/projects', label: 'Projects' }]} title={name} />
        <p className="error" role="alert">
          {loadError}
        </p>
      </>
    );
  if (!draft || !saved) return <p className="loading">Loading project {name}…</p>;

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const editable = canUpdate === true;
  const change = (spec: ProjectSpec) => {
    setNotice(null);
    setDraft({ ...draft, spec });
  };

  return (
    <div className="project-page">
      <SettingsHeader trail={[{ to: '/settings/projects', label: 'Projects' }]} title={`Project ${name}`}>
        {dirty && <span className="chip unsaved">Unsaved changes</span>}
        <button type="button" className="btn" onClick={() => setDraft(saved)} disabled={!dirty || saving}>
          Discard changes
        </button>
        <Guarded
          className="btn primary"
          allowed={canUpdate}
          denied={deniedReason('projects', 'update', name)}
          blocked={dirty ? null : 'Nothing to save'}
          disabled={saving}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save'}
        </Guarded>
        <Guarded
          className="btn danger"
          allowed={canDelete}
          denied={deniedReason('projects', 'delete', name)}
          blocked={name === 'default' ? 'The default project cannot be deleted' : null}
          onClick={() => setDeleting(true)}
        >
          Delete
        </Guarded>
      </SettingsHeader>
      <ErrorMessage error={saveError} testId="project-error" />
      {saveError && (
        <p>
          <button
            type="button"
            className="btn small"
            onClick={() => {
              clearSaveError();
              void load();
            }}
          >
            Read the project again
          </button>{' '}
          <span className="muted">(discards your changes: make them again on what is stored now)</span>
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {canUpdate === false && <p className="muted">Read only: {deniedReason('projects', 'update', name)}.</p>}
      <Tabs
        tabs={tabs}
        active={tab}
        label={`Project ${name}`}
        onChange={(id) =>
          setSearch(
            (s) => {
              s.set('tab', id);
              return s;
            },
            { replace: true },
          )
        }
      />
      <TabPanel id={tab}>
        {tab === 'summary' && <ProjectSummaryTab spec={draft.spec} editable={editable} onChange={change} />}
        {tab === 'roles' && <ProjectRolesTab project={draft} editable={editable} canUpdate={canUpdate} dirty={dirty} onChange={change} onTokensChanged={load} />}
        {tab === 'windows' && <ProjectWindowsTab spec={draft.spec} saved={saved.spec} active={active} editable={editable} onChange={change} />}
        {tab === 'resources' && <ProjectResourcesTab spec={draft.spec} />}
      </TabPanel>
      {deleting && (
        <ConfirmDialog
          title={`Delete project ${name}?`}
          confirm="Delete"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`/api/v1/projects/${enc(name)}`);
            navigate('/settings/projects');
          }}
        >
          <p>
            The AppProject <strong>{name}</strong> and its roles, tokens and sync windows are removed. A project that Applications still use cannot be
            deleted.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
