import type { ConnectionState } from './types';

const icons: Record<string, string> = { Successful: '✔', Failed: '✖' };

/** Whether Keelson reached a repository or cluster, with the server's message as the title (and text when it failed). */
export function ConnectionBadge({ state }: { state?: ConnectionState }) {
  const status = state?.status || 'Unknown';
  return (
    <span className={`badge conn-${status.toLowerCase()}`} title={state?.message || status} data-connection={status}>
      <span aria-hidden="true">{icons[status] ?? '?'}</span> {status}
      {status === 'Failed' && state?.message && <span className="conn-message">{state.message}</span>}
    </span>
  );
}
