import { useState } from 'react';
import { Ago, OperationBadge, ShortRevision } from '../../../components/Status';
import type { OperationState, ResourceResult } from '../../../api/types';

function initiator(state: OperationState): string {
  const by = state.operation?.initiatedBy;
  if (by?.automated) return 'automated sync';
  return by?.username ?? 'unknown';
}

function ResultsTable({ results }: { results: ResourceResult[] }) {
  return (
    <div className="ops-table-scroll">
      <table className="table ops-results">
        <caption className="ops-sr-only">Per-resource results of the last sync</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Namespace</th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Hook</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r, i) => (
            <tr key={i}>
              <td>{r.kind}</td>
              <td>{r.namespace || '—'}</td>
              <td>{r.name}</td>
              <td className={r.status === 'SyncFailed' ? 'error' : undefined}>{r.status ?? '—'}</td>
              <td>{r.hookType ? `${r.hookType}${r.hookPhase ? ` (${r.hookPhase})` : ''}` : '—'}</td>
              <td className="ops-wrap">{r.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** status.operationState: what the last (or running) sync did, by whom, and each resource's result on demand. */
export function LastOperation({ state }: { state?: OperationState }) {
  const [open, setOpen] = useState(false);
  if (!state) return <span className="muted">No sync yet</span>;
  const results = state.syncResult?.resources ?? [];
  const revision = state.syncResult?.revision ?? state.operation?.sync?.revision;
  const failed = results.filter((r) => r.status === 'SyncFailed').length;
  return (
    <div className="ops-operation" data-testid="last-operation">
      <div>
        <OperationBadge phase={state.phase} />
        {state.operation?.sync?.dryRun && <span className="chip">dry run</span>} to <ShortRevision revision={revision} />
      </div>
      {state.message && <div className={`ops-wrap ${state.phase === 'Failed' || state.phase === 'Error' ? 'error' : ''}`}>{state.message}</div>}
      <div className="muted">
        by {initiator(state)}, started <Ago time={state.startedAt} />
        {state.finishedAt && (
          <>
            , finished <Ago time={state.finishedAt} />
          </>
        )}
        {state.retryCount ? `, ${state.retryCount} retries` : ''}
      </div>
      {results.length > 0 && (
        <>
          <button type="button" className="btn small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Show'} {results.length} resource results{failed > 0 ? ` (${failed} failed)` : ''}
          </button>
          {open && <ResultsTable results={results} />}
        </>
      )}
    </div>
  );
}
