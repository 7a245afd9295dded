import { Fragment } from 'react';
import { Ago, HealthBadge, SyncBadge } from '../../../components/Status';
import type { KubeObject } from './resourceApi';
import { parseResourceKey, type ResourceId, type ResourceItem } from './resourceModel';
import type { Loaded } from './useLoad';

/** Values longer than this (a last-applied-configuration) are folded. */
const LONG = 160;

function KeyValues({ title, values }: { title: string; values?: Record<string, string> }) {
  const entries = Object.entries(values ?? {});
  return (
    <>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="table kv">
          <tbody>
            {entries.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td>
                  {v.length > LONG ? (
                    <details>
                      <summary>
                        <code>{v.slice(0, 60)}…</code> ({v.length} characters)
                      </summary>
                      <pre className="code">{v}</pre>
                    </details>
                  ) : (
                    <code>{v}</code>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function imagesOf(live: KubeObject | undefined): string[] {
  const spec = live?.spec as { containers?: { image?: string }[]; template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
  const containers = spec?.template?.spec?.containers ?? spec?.containers ?? [];
  return [...new Set(containers.map((c) => c.image).filter((i): i is string => !!i))];
}

/** What the resource is: kind, name, namespace, health and sync, owners, images, labels and annotations. */
export function SummaryTab({ id, item, live, onOpen }: { id: ResourceId; item?: ResourceItem; live: Loaded<KubeObject>; onOpen: (key: string) => void }) {
  const meta = live.data?.metadata;
  const images = item?.images.length ? item.images : imagesOf(live.data);
  return (
    <div className="res-summary">
      <dl className="res-facts">
        <dt>Kind</dt>
        <dd>
          {id.kind}
          {id.group && <span className="muted"> ({id.group})</span>}
        </dd>
        <dt>Name</dt>
        <dd>
          <code>{id.name}</code>
        </dd>
        <dt>Namespace</dt>
        <dd>{id.namespace || <span className="muted">— (cluster-scoped)</span>}</dd>
        <dt>Created</dt>
        <dd>
          <Ago time={meta?.creationTimestamp ?? item?.createdAt} />
        </dd>
        <dt>Health</dt>
        <dd>
          {item?.health ? <HealthBadge status={item.health.status} /> : <span className="muted">—</span>}
          {item?.health?.message && <div className="res-health-message">{item.health.message}</div>}
        </dd>
        {item?.managed && (
          <>
            <dt>Sync status</dt>
            <dd>
              <SyncBadge status={item.status} />
              {item.requiresPruning && <div className="muted">Not in Git any more: a sync with prune deletes it.</div>}
              {item.hook && <div className="muted">A hook of the application&apos;s sync.</div>}
            </dd>
          </>
        )}
        {item && item.parents.length > 0 && (
          <>
            <dt>Owned by</dt>
            <dd>
              {item.parents.map((key) => {
                const parent = parseResourceKey(key);
                return (
                  <button key={key} type="button" className="linklike res-owner" onClick={() => onOpen(key)}>
                    {parent ? `${parent.kind} ${parent.name}` : key}
                  </button>
                );
              })}
            </dd>
          </>
        )}
        {item?.info.map((i) => (
          <Fragment key={i.name}>
            <dt>{i.name}</dt>
            <dd>{i.value || '—'}</dd>
          </Fragment>
        ))}
        {images.length > 0 && (
          <>
            <dt>Images</dt>
            <dd>
              {images.map((i) => (
                <div key={i}>
                  <code>{i}</code>
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      {live.error && (
        <p className="error" role="alert">
          The live object: {live.error}
        </p>
      )}
      {live.loading && !live.data && <p className="muted">Loading the live object…</p>}
      {live.data && (
        <>
          <KeyValues title="Labels" values={meta?.labels} />
          <KeyValues title="Annotations" values={meta?.annotations} />
        </>
      )}
    </div>
  );
}
