import { useEffect, useId, useRef, useState } from 'react';
import { deniedReason, useCanI } from '../../../api/session';
import { openStream } from '../../../api/stream';
import type { Application } from '../../../api/types';
import { rbacObject } from '../useApplication';
import { logsPath, type KubeObject, type LogEntry } from './resourceApi';
import type { ResourceId } from './resourceModel';

/** The most lines kept on screen; older ones scroll away. */
const MAX_LINES = 5000;

type PodSpec = { containers?: { name: string }[]; initContainers?: { name: string }[] };

/** The containers of a pod, or of the pods a workload makes. */
export function containersOf(live: KubeObject | undefined): string[] {
  const spec = live?.spec as
    | (PodSpec & { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } })
    | undefined;
  const pod = spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec ?? spec;
  return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.name);
}

interface Line {
  pod: string;
  content: string;
  time?: string;
}

/** The logs of a pod, or of every pod under the workload: a container, the last lines, and following as they come. */
export function LogsTab({ app, id, live }: { app: Application; id: ResourceId; live?: KubeObject }) {
  const allowed = useCanI('logs', 'get', rbacObject(app));
  const reason = deniedReason('logs', 'get', rbacObject(app));
  const containers = containersOf(live);
  const [container, setContainer] = useState('');
  const [tailLines, setTailLines] = useState(100);
  const [follow, setFollow] = useState(true);
  const [round, setRound] = useState(0);
  const [lines, setLines] = useState<Line[]>([]);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const output = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const ids = useId();
  const chosen = container || containers[0] || '';
  const path = logsPath(app, id, { container: chosen || undefined, tailLines: tailLines || undefined, follow });

  useEffect(() => {
    if (!allowed) return;
    setLines([]);
    setEnded(false);
    setError(null);
    let pending: Line[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      setLines((l) => {
        const next = l.concat(batch);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    };
    const stream = openStream<LogEntry>(path, {
      // A reconnect sends the tail again: start over rather than repeat lines.
      onOpen: () => {
        pending = [];
        setLines([]);
      },
      onMessage: (entry) => {
        if (entry.last) {
          // The server's end of the logs: do not reconnect (the stream handle would ask again).
          stream.close();
          if (frame) cancelAnimationFrame(frame);
          flush();
          setEnded(true);
          return;
        }
        pending.push({ pod: entry.podName ?? '', content: entry.content, time: entry.timeStamp });
        if (!frame) frame = requestAnimationFrame(flush);
      },
      onError: (message) => setError(message),
    });
    return () => {
      stream.close();
      if (frame) cancelAnimationFrame(frame);
    };
    // The path names the app, the object and the options: a new app object with the same name keeps the stream.
  }, [allowed, path, round]);

  useEffect(() => {
    const el = output.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  if (allowed === false)
    return (
      <p className="muted" role="status" title={reason}>
        {reason}.
      </p>
    );
  const pods = new Set(lines.map((l) => l.pod));
  return (
    <>
      <div className="toolbar">
        {containers.length > 0 && (
          <label className="inline" htmlFor={`${ids}-container`}>
            Container
            <select id={`${ids}-container`} value={chosen} onChange={(e) => setContainer(e.target.value)}>
              {containers.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          Last lines
          <select value={tailLines} onChange={(e) => setTailLines(Number(e.target.value))}>
            {[100, 500, 1000, 0].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'All' : n}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <button type="button" className="btn small" onClick={() => setRound((r) => r + 1)} disabled={allowed !== true}>
          Reload
        </button>
        <span className="muted" role="status">
          {error ? '' : ended ? `End of the log (${lines.length} lines).` : follow ? 'Following…' : 'Loading…'}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          The logs: {error}
        </p>
      )}
      <pre
        className="code res-logs"
        ref={output}
        data-testid="logs"
        tabIndex={0}
        aria-label="Log lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.length === 0 && !error ? <span className="muted">{ended ? 'No log lines.' : 'Waiting for log lines…'}</span> : null}
        {lines.map((l, i) => (
          <span key={i}>
            {pods.size > 1 && <span className="res-log-pod">{l.pod} </span>}
            {l.content}
            {'\n'}
          </span>
        ))}
      </pre>
    </>
  );
}
