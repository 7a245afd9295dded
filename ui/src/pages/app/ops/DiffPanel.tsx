import { useState } from 'react';
import { Drawer } from '../../../components/Dialog';
import type { Application, IgnoreDifference } from '../../../api/types';
import { changeText, summaryText, type ObjectChange, type ResourceDiff } from './diffModel';
import { DiffView, type DiffMode } from './DiffView';
import { ErrorNote } from './ErrorNote';
import { useDiff } from './useDiff';

const changeLabel: Record<ObjectChange, string> = { modify: 'will change', create: 'will be created', prune: 'will be pruned', none: 'no difference' };

const modeKey = 'keelson.diffMode';

function storedMode(): DiffMode {
  return localStorage.getItem(modeKey) === 'split' ? 'split' : 'unified';
}

function ignoredText(rules: IgnoreDifference[]): string {
  const fields = rules.flatMap((r) => [...(r.jsonPointers ?? []), ...(r.jqPathExpressions ?? []), ...(r.managedFieldsManagers ?? []).map((m) => `fields managed by ${m}`)]);
  return `Ignored differences (ignoreDifferences): ${fields.length > 0 ? fields.join(', ') : 'the whole object'}`;
}

const maxPaths = 12;

function ChangedFields({ paths }: { paths: string[] }) {
  if (paths.length === 0) return null;
  return (
    <div className="ops-diff-fields">
      <span className="muted">Changed fields:</span>
      {paths.slice(0, maxPaths).map((p) => (
        <code key={p} className="chip">
          {p}
        </code>
      ))}
      {paths.length > maxPaths && <span className="muted">and {paths.length - maxPaths} more</span>}
    </div>
  );
}

function ResourceSection({ diff, mode }: { diff: ResourceDiff; mode: DiffMode }) {
  const title = `${diff.kind} ${diff.name}`;
  return (
    <section className="ops-diff-resource card" aria-label={title} data-change={diff.change}>
      <h3>
        {title} <span className={`badge ops-change-${diff.change}`}>{changeLabel[diff.change]}</span>
        {diff.hook && <span className="chip">hook</span>}
        {diff.namespace && <span className="muted ops-diff-ns"> in {diff.namespace}</span>}
      </h3>
      {diff.change === 'modify' && <p className="ops-diff-what">{changeText(diff)}</p>}
      <ChangedFields paths={diff.changedPaths} />
      {diff.ignoredBy.length > 0 && <p className="muted">{ignoredText(diff.ignoredBy)}</p>}
      {/* A changed object's diff is open; a whole object to create or prune is one click away. */}
      <details open={diff.change === 'modify'}>
        <summary>{diff.change === 'modify' ? 'YAML diff' : 'YAML'}</summary>
        <div className="ops-diff-sides muted" aria-hidden="true">
          <span>− live</span>
          <span>+ desired (Git)</span>
        </div>
        <DiffView before={diff.liveYaml} after={diff.targetYaml} mode={mode} label={`${title}: live (−) against desired (+)`} />
      </details>
    </section>
  );
}

function Unchanged({ diffs }: { diffs: ResourceDiff[] }) {
  if (diffs.length === 0) return null;
  return (
    <section aria-label="Objects with no difference">
      <h3>No difference ({diffs.length})</h3>
      <ul className="ops-diff-same">
        {diffs.map((d) => (
          <li key={d.key}>
            {d.kind} {d.name}
            {d.namespace && <span className="muted"> in {d.namespace}</span>}
            {d.ignoredBy.length > 0 && <span className="muted"> — {ignoredText(d.ignoredBy)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** ?panel=diff: what a sync would change, object by object, in plain words and as YAML line diffs. */
export function DiffPanel({ app, open, onClose }: { app: Application; open: boolean; onClose: () => void }) {
  const { diffs, error } = useDiff(app, open);
  const [mode, setMode] = useState<DiffMode>(storedMode);
  const choose = (m: DiffMode) => {
    setMode(m);
    localStorage.setItem(modeKey, m);
  };
  const changed = diffs?.filter((d) => d.change !== 'none') ?? [];
  const same = diffs?.filter((d) => d.change === 'none') ?? [];
  return (
    <Drawer open={open} title={`Diff: ${app.metadata.name}`} onClose={onClose}>
      <div className="toolbar">
        <div role="group" aria-label="Diff layout" className="ops-segmented">
          <button type="button" className="btn small" aria-pressed={mode === 'unified'} onClick={() => choose('unified')}>
            Unified
          </button>
          <button type="button" className="btn small" aria-pressed={mode === 'split'} onClick={() => choose('split')}>
            Side by side
          </button>
        </div>
      </div>
      <ErrorNote error={error} what="Cannot read the managed resources" />
      {!diffs && !error && <p className="loading">Comparing…</p>}
      {diffs && (
        <>
          <p className="ops-diff-summary" data-testid="diff-summary">
            {summaryText(diffs)}
          </p>
          {changed.map((d) => (
            <ResourceSection key={d.key} diff={d} mode={mode} />
          ))}
          <Unchanged diffs={same} />
        </>
      )}
    </Drawer>
  );
}
