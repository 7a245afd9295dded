import { HealthBadge, ShortRevision, SyncBadge } from '../../../components/Status';
import type { Application, ApplicationSource, ApplicationSyncWindows } from '../../../api/types';
import { autoSyncOf, autoSyncText } from './autoSync';
import { CommitInfo } from './CommitInfo';
import { Fact } from './Fact';
import { summaryText } from './diffModel';
import { LastOperation } from './LastOperation';
import { SyncWindowsNote } from './SyncWindowsNote';
import { useDiff } from './useDiff';

/** The revision the app runs: its newest history entry (a finished, real sync), else the compared one when Synced. */
export function deployedRevision(app: Application): string | undefined {
  const history = app.status?.history ?? [];
  const newest = history.reduce<(typeof history)[number] | undefined>((a, h) => (!a || h.id > a.id ? h : a), undefined);
  if (newest?.revision) return newest.revision;
  return app.status?.sync?.status === 'Synced' ? app.status.sync.revision : undefined;
}

function Source({ source }: { source: ApplicationSource }) {
  return (
    <span className="ops-source">
      <span className="ops-wrap">{source.repoURL}</span>
      {source.path && (
        <span>
          path <code>{source.path}</code>
        </span>
      )}
      {source.chart && (
        <span>
          chart <code>{source.chart}</code>
        </span>
      )}
      <span>
        at <code>{source.targetRevision || 'HEAD'}</code>
      </span>
    </span>
  );
}

/** When OutOfSync: what a sync would change, in one line, with a link to the diff panel. */
function DiffHeadline({ app, onShowDiff }: { app: Application; onShowDiff: () => void }) {
  const outOfSync = app.status?.sync?.status === 'OutOfSync';
  const { diffs, error } = useDiff(app, outOfSync);
  if (!outOfSync) return null;
  return (
    <div className="ops-diff-headline" data-testid="diff-headline">
      <span>{error ? `Cannot compare: ${error}` : diffs ? summaryText(diffs, 3) : 'Comparing…'}</span>{' '}
      <button type="button" className="btn small" onClick={onShowDiff}>
        Show diff
      </button>
    </div>
  );
}

/** The header's facts: health, sync, the deployed revision and its commit, source, destination, policy, the last sync, windows. */
export function StatusSummary({
  app,
  windows,
  windowsError,
  onShowDiff,
}: {
  app: Application;
  windows: ApplicationSyncWindows | null;
  windowsError: string | null;
  onShowDiff: () => void;
}) {
  const status = app.status;
  const deployed = deployedRevision(app);
  const compared = status?.sync?.revision;
  const destination = app.spec.destination;
  const sources = app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
  return (
    <section className="ops-summary card" aria-label="Application status">
      <dl className="ops-facts">
        <Fact label="Health" testId="app-health">
          <HealthBadge status={status?.health?.status} message={status?.health?.message} />
          {status?.health?.message && <span className="ops-wrap muted"> {status.health.message}</span>}
        </Fact>
        <Fact label="Sync status" testId="app-sync">
          <SyncBadge status={status?.sync?.status} />
          {compared && compared !== deployed && (
            <span className="muted">
              {' '}
              with Git at <ShortRevision revision={compared} />
            </span>
          )}
          <div className="muted">{autoSyncText(autoSyncOf(app))}</div>
        </Fact>
        <Fact label="Deployed revision" testId="deployed-revision" wide>
          <CommitInfo app={app} revision={deployed} />
        </Fact>
        <Fact label="Last sync" wide>
          <LastOperation state={status?.operationState} />
        </Fact>
        <Fact label={sources.length > 1 ? 'Sources' : 'Source'} wide>
          {sources.map((s, i) => (
            <Source key={i} source={s} />
          ))}
        </Fact>
        <Fact label="Project">{app.spec.project}</Fact>
        <Fact label="Destination">
          <span className="ops-wrap">{destination.name ?? destination.server}</span>
          {destination.namespace && (
            <span>
              {' '}
              namespace <code>{destination.namespace}</code>
            </span>
          )}
        </Fact>
        <Fact label="Sync windows" wide>
          <SyncWindowsNote windows={windows} error={windowsError} />
        </Fact>
      </dl>
      <DiffHeadline app={app} onShowDiff={onShowDiff} />
    </section>
  );
}
