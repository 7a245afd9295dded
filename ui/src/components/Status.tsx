import type { HealthStatusCode, SyncStatusCode } from '../api/types';

const healthIcons: Record<string, string> = {
  Healthy: '♥',
  Progressing: '◔',
  Degraded: '✖',
  Suspended: '❚❚',
  Missing: '?',
  Unknown: '?',
};

const syncIcons: Record<string, string> = { Synced: '✔', OutOfSync: '↻', Unknown: '?' };

export function HealthBadge({ status, message }: { status?: HealthStatusCode | string; message?: string }) {
  const s = status ?? 'Unknown';
  return (
    <span className={`badge health health-${s.toLowerCase()}`} title={message ? `${s}: ${message}` : s} data-health={s}>
      <span aria-hidden="true">{healthIcons[s] ?? '?'}</span> {s}
    </span>
  );
}

export function SyncBadge({ status }: { status?: SyncStatusCode | string }) {
  const s = status ?? 'Unknown';
  return (
    <span className={`badge sync sync-${s.toLowerCase()}`} title={s} data-sync={s}>
      <span aria-hidden="true">{syncIcons[s] ?? '?'}</span> {s}
    </span>
  );
}

export function OperationBadge({ phase }: { phase?: string }) {
  if (!phase) return null;
  return (
    <span className={`badge op op-${phase.toLowerCase()}`} data-phase={phase}>
      {phase === 'Running' ? '⟳ Syncing' : phase}
    </span>
  );
}

/** "3 minutes ago" for an RFC 3339 time, with the exact time as the title. */
export function Ago({ time }: { time?: string }) {
  if (!time) return <span>—</span>;
  const date = new Date(time);
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  const text =
    seconds < 60 ? `${Math.max(seconds, 0)}s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)}m ago` : seconds < 86400 ? `${Math.floor(seconds / 3600)}h ago` : `${Math.floor(seconds / 86400)}d ago`;
  return (
    <time dateTime={time} title={date.toLocaleString()}>
      {text}
    </time>
  );
}

export function ShortRevision({ revision }: { revision?: string }) {
  if (!revision) return <span>—</span>;
  return <code title={revision}>{/^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision}</code>;
}
