// The sync dialog's form: filled from the Application (its target revision, sync options and retry), and turned
// into Argo CD's ApplicationSyncRequest. Pure.
import type { Application, ApplicationSyncRequest, ResourceStatus, SyncResourceRef } from '../../../api/types';
import { resourceKey } from './diffModel';

/** The sync options the dialog offers as checkboxes; any other option is kept as text. */
export const optionBoxes = [
  { option: 'ApplyOutOfSyncOnly=true', label: 'Apply out-of-sync only', hint: 'skip objects that are already in sync' },
  { option: 'ServerSideApply=true', label: 'Server-side apply', hint: 'kubectl apply --server-side' },
  { option: 'Replace=true', label: 'Replace', hint: 'replace objects instead of applying (deletes fields not in Git)' },
] as const;

export type BoxOption = (typeof optionBoxes)[number]['option'];

export interface SyncForm {
  revision: string;
  prune: boolean;
  dryRun: boolean;
  /** strategy apply (no hooks) rather than hook. */
  applyOnly: boolean;
  force: boolean;
  options: Record<BoxOption, boolean>;
  /** Other sync options, one per line or comma-separated (CreateNamespace=true, PruneLast=true…). */
  otherOptions: string;
  retry: boolean;
  retryLimit: string;
  backoffDuration: string;
  backoffFactor: string;
  backoffMaxDuration: string;
  /** Keys (resourceKey) of the resources to sync. */
  selected: ReadonlySet<string>;
}

/** The resources a sync may be limited to: the app's, without hooks. */
export function syncableResources(app: Application): ResourceStatus[] {
  return (app.status?.resources ?? []).filter((r) => !r.hook);
}

export function initialForm(app: Application): SyncForm {
  const specOptions = app.spec.syncPolicy?.syncOptions ?? [];
  const retry = app.spec.syncPolicy?.retry;
  const isBox = (o: string) => optionBoxes.some((b) => b.option === o);
  return {
    revision: app.spec.source?.targetRevision || 'HEAD',
    prune: false,
    dryRun: false,
    applyOnly: false,
    force: false,
    options: Object.fromEntries(optionBoxes.map((b) => [b.option, specOptions.includes(b.option)])) as Record<BoxOption, boolean>,
    otherOptions: specOptions.filter((o) => !isBox(o)).join('\n'),
    retry: !!retry,
    retryLimit: String(retry?.limit ?? 2),
    backoffDuration: retry?.backoff?.duration ?? '5s',
    backoffFactor: String(retry?.backoff?.factor ?? 2),
    backoffMaxDuration: retry?.backoff?.maxDuration ?? '3m',
    selected: new Set(syncableResources(app).map(resourceKey)),
  };
}

const goDuration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** What is wrong with the form, each problem in words; empty when it can be sent. */
export function formProblems(app: Application, form: SyncForm): string[] {
  const problems: string[] = [];
  if (syncableResources(app).length > 0 && form.selected.size === 0) problems.push('Choose at least one resource to sync.');
  if (form.retry) {
    if (!/^\d+$/.test(form.retryLimit)) problems.push('Retry limit: a whole number (0 or more).');
    if (!goDuration.test(form.backoffDuration)) problems.push('Backoff duration: a duration such as 5s or 1m.');
    if (!/^[1-9]\d*$/.test(form.backoffFactor)) problems.push('Backoff factor: a whole number, 1 or more.');
    if (!goDuration.test(form.backoffMaxDuration)) problems.push('Maximum backoff: a duration such as 3m.');
  }
  for (const o of otherOptions(form)) if (!/^[A-Za-z]+=\S+$/.test(o)) problems.push(`Sync option "${o}": Name=value, such as PruneLast=true.`);
  return problems;
}

function otherOptions(form: SyncForm): string[] {
  return form.otherOptions
    .split(/[\n,]/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/** The body of POST …/sync. The revision is sent only when it is not the target (Argo then needs override). */
export function syncRequest(app: Application, form: SyncForm): ApplicationSyncRequest {
  const target = app.spec.source?.targetRevision || 'HEAD';
  const body: ApplicationSyncRequest = { prune: form.prune, dryRun: form.dryRun };
  const revision = form.revision.trim();
  if (revision && revision !== target) body.revision = revision;
  body.strategy = form.applyOnly ? { apply: { force: form.force } } : { hook: { force: form.force } };
  const all = syncableResources(app);
  if (form.selected.size < all.length) {
    body.resources = all
      .filter((r) => form.selected.has(resourceKey(r)))
      .map((r): SyncResourceRef => ({ group: r.group ?? '', kind: r.kind, name: r.name, namespace: r.namespace ?? '' }));
  }
  // The list replaces the app's own options for this sync, so it always carries them (CreateNamespace=true…).
  const items = [...optionBoxes.filter((b) => form.options[b.option]).map((b) => b.option as string), ...otherOptions(form)];
  if (items.length > 0) body.syncOptions = { items };
  if (form.retry)
    body.retryStrategy = {
      limit: Number(form.retryLimit),
      backoff: { duration: form.backoffDuration, factor: Number(form.backoffFactor), maxDuration: form.backoffMaxDuration },
    };
  return body;
}
