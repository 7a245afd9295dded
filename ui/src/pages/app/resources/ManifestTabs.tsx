import { structuredPatch } from 'diff';
import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import type { ManagedResource } from '../../../api/types';
import type { KubeObject } from './resourceApi';
import type { Loaded } from './useLoad';

/** An object as YAML; managedFields (the API server's bookkeeping) left out unless asked for. */
export function toYaml(obj: unknown, withManagedFields = false): string {
  if (obj === null || obj === undefined) return '';
  if (!withManagedFields && typeof obj === 'object' && (obj as KubeObject).metadata) {
    const { managedFields: _hidden, ...metadata } = (obj as { metadata: Record<string, unknown> }).metadata;
    obj = { ...(obj as object), metadata };
  }
  return stringify(obj, { lineWidth: 0 });
}

/** A state of managed-resources ("<json>", or "null" for a missing side) as an object. */
function parseState(state?: string): unknown {
  if (!state) return null;
  try {
    return JSON.parse(state) as unknown;
  } catch {
    return null;
  }
}

function Status<T>({ loaded, what }: { loaded: Loaded<T>; what: string }) {
  if (loaded.error)
    return (
      <p className="error" role="alert">
        {what}: {loaded.error}
      </p>
    );
  if (loaded.loading && loaded.data === undefined) return <p className="muted">Loading {what}…</p>;
  return null;
}

export function LiveManifestTab({ live }: { live: Loaded<KubeObject> }) {
  const [managedFields, setManagedFields] = useState(false);
  const yaml = useMemo(() => (live.data ? toYaml(live.data, managedFields) : ''), [live.data, managedFields]);
  return (
    <>
      <div className="toolbar">
        <label className="inline">
          <input type="checkbox" checked={managedFields} onChange={(e) => setManagedFields(e.target.checked)} />
          Show managed fields
        </label>
      </div>
      <Status loaded={live} what="the live object" />
      {live.data && (
        <pre className="code" data-testid="live-manifest" tabIndex={0} aria-label="Live manifest as YAML">
          {yaml}
        </pre>
      )}
    </>
  );
}

export function DesiredManifestTab({ managed }: { managed: Loaded<ManagedResource | null> }) {
  const target = useMemo(() => parseState(managed.data?.targetState), [managed.data]);
  return (
    <>
      <Status loaded={managed} what="the desired state" />
      {managed.data === null && <p className="muted">The application does not manage this object.</p>}
      {managed.data && !target && <p className="muted">Not in Git: this object is to be pruned.</p>}
      {!!target && (
        <pre className="code" data-testid="desired-manifest" tabIndex={0} aria-label="Desired manifest as YAML">
          {toYaml(target)}
        </pre>
      )}
    </>
  );
}

interface DiffLine {
  kind: 'add' | 'del' | 'same' | 'hunk';
  text: string;
}

function diffLines(live: string, desired: string, context: number): DiffLine[] {
  const patch = structuredPatch('live', 'desired', live, desired, '', '', { context });
  const lines: DiffLine[] = [];
  for (const hunk of patch.hunks) {
    lines.push({ kind: 'hunk', text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      lines.push({ kind: line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'same', text: line });
    }
  }
  return lines;
}

/**
 * The difference between the live object and what a sync would make of it (normalised live → predicted live, as
 * the application compares them; live → target when those are absent), unified, added and removed lines marked.
 */
export function DiffTab({ managed }: { managed: Loaded<ManagedResource | null> }) {
  const [whole, setWhole] = useState(false);
  const lines = useMemo(() => {
    const r = managed.data;
    if (!r) return null;
    const live = parseState(r.normalizedLiveState) ?? parseState(r.liveState);
    const desired = r.predictedLiveState && r.predictedLiveState !== 'null' ? parseState(r.predictedLiveState) : parseState(r.targetState);
    return diffLines(toYaml(live), toYaml(desired), whole ? 100_000 : 3);
  }, [managed.data, whole]);
  return (
    <>
      <div className="toolbar">
        <label className="inline">
          <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} />
          Show the whole manifest
        </label>
        <span className="muted">
          <span className="diff-del">− live</span> <span className="diff-add">+ desired</span>
        </span>
      </div>
      <Status loaded={managed} what="the comparison" />
      {managed.data === null && <p className="muted">The application does not manage this object, so there is nothing to compare.</p>}
      {lines && lines.length === 0 && (
        <p className="muted" role="status">
          No differences: the live object is as Git wants it.
        </p>
      )}
      {lines && lines.length > 0 && (
        <pre className="code res-diff" data-testid="diff" tabIndex={0} aria-label="Diff, live to desired">
          {lines.map((l, i) => (
            <span key={i} className={l.kind === 'add' ? 'diff-add' : l.kind === 'del' ? 'diff-del' : l.kind === 'hunk' ? 'diff-hunk' : undefined}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </>
  );
}
