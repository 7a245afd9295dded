import { Ago, ShortRevision } from '../../../components/Status';
import type { Application } from '../../../api/types';
import { useRevisionMetadata } from './useRevisionMetadata';

/** A revision with its commit: message (first line), author, date and tags. */
export function CommitInfo({ app, revision }: { app: Application; revision?: string }) {
  const { metadata, error } = useRevisionMetadata(app, revision);
  if (!revision) return <span className="muted">no revision yet</span>;
  const subject = metadata?.message?.split('\n')[0];
  return (
    <span className="ops-commit">
      <ShortRevision revision={revision} />
      {subject && (
        <span className="ops-commit-message" title={metadata?.message}>
          {subject}
        </span>
      )}
      {metadata && (
        <span className="muted ops-commit-by">
          {metadata.author ?? 'unknown author'}, <Ago time={metadata.date} />
        </span>
      )}
      {metadata?.tags?.map((t) => (
        <span key={t} className="chip">
          {t}
        </span>
      ))}
      {error && <span className="muted" title={error}>(commit details unavailable)</span>}
    </span>
  );
}
