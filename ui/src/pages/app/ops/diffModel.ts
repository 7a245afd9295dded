// What a sync would change, from GET …/managed-resources: for each object its live and desired states (normalised
// live against predicted live, or live against target), as YAML, the fields that differ, the images that change,
// and a summary in plain words. Pure: no requests, no React.
import YAML from 'yaml';
import type { IgnoreDifference, ManagedResource } from '../../../api/types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type ObjectChange = 'create' | 'prune' | 'modify' | 'none';

export interface ImageChange {
  container: string;
  from?: string;
  to?: string;
}

export interface ResourceDiff {
  key: string;
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  change: ObjectChange;
  hook: boolean;
  /** The live side ("" when the object does not exist). */
  liveYaml: string;
  /** The side a sync would make ("" when it is to be pruned). */
  targetYaml: string;
  /** Dotted paths of the fields that differ (modified objects only). */
  changedPaths: string[];
  images: ImageChange[];
  /** The Application's ignoreDifferences rules that apply to this object (their fields are left out of the comparison). */
  ignoredBy: IgnoreDifference[];
}

/** A state as Argo's API gives it: a JSON string, "null" (or nothing) for an object that is not there. */
export function parseState(state: string | undefined | null): JsonObject | null {
  if (state === undefined || state === null || state === '' || state === 'null') return null;
  const value = JSON.parse(state) as Json;
  return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

export function toYaml(obj: JsonObject | null): string {
  // Sorted keys and no line folding, so that both sides line up and a long value stays one line.
  return obj ? YAML.stringify(obj, { sortMapEntries: true, lineWidth: 0 }) : '';
}

function isObject(v: Json | undefined): v is JsonObject {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** The dotted paths (spec.replicas, spec.template.spec.containers[0].image) of the leaves that differ. */
export function changedPaths(a: Json | undefined, b: Json | undefined, path = ''): string[] {
  if (deepEqual(a, b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => changedPaths(a[i], b[i], `${path}[${i}]`)).flat();
  }
  return [path || '(the whole object)'];
}

const podSpecPaths: string[][] = [['spec', 'template', 'spec'], ['spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];

function at(obj: Json | undefined, path: string[]): Json | undefined {
  return path.reduce<Json | undefined>((v, k) => (isObject(v) ? v[k] : undefined), obj);
}

/** Container name → image, for the kinds that hold a pod template (or are a pod). */
function imagesOf(obj: JsonObject | null): Map<string, string> {
  const images = new Map<string, string>();
  for (const p of podSpecPaths) {
    const spec = at(obj, p);
    if (!isObject(spec)) continue;
    for (const list of ['initContainers', 'containers']) {
      const containers = spec[list];
      if (!Array.isArray(containers)) continue;
      for (const c of containers) if (isObject(c) && typeof c.name === 'string' && typeof c.image === 'string') images.set(c.name, c.image);
    }
    if (images.size > 0) break;
  }
  return images;
}

function imageChanges(live: JsonObject | null, target: JsonObject | null): ImageChange[] {
  const before = imagesOf(live);
  const after = imagesOf(target);
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.filter((n) => before.get(n) !== after.get(n)).map((n) => ({ container: n, from: before.get(n), to: after.get(n) }));
}

function matches(rule: IgnoreDifference, r: ManagedResource): boolean {
  return (rule.group ?? '') === (r.group ?? '') && rule.kind === r.kind && (!rule.name || rule.name === r.name) && (!rule.namespace || rule.namespace === r.namespace);
}

export function resourceKey(r: { group?: string; kind: string; namespace?: string; name: string }): string {
  return `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/** Compares one managed resource: normalised live against predicted live when the server gives them, else live against target. */
export function compareResource(r: ManagedResource, ignoreDifferences: IgnoreDifference[] = []): ResourceDiff {
  const normalized = r.normalizedLiveState !== undefined || r.predictedLiveState !== undefined;
  const live = parseState(normalized ? r.normalizedLiveState : r.liveState);
  const target = parseState(normalized ? r.predictedLiveState : r.targetState);
  let change: ObjectChange;
  if (!live && target) change = 'create';
  else if (live && !target) change = 'prune';
  else if (r.modified || !deepEqual(live, target)) change = 'modify';
  else change = 'none';
  return {
    key: resourceKey(r),
    group: r.group,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    change,
    hook: !!r.hook,
    liveYaml: toYaml(live),
    targetYaml: toYaml(target),
    changedPaths: change === 'modify' ? changedPaths(live, target) : [],
    images: change === 'modify' ? imageChanges(live, target) : [],
    ignoredBy: ignoreDifferences.filter((rule) => matches(rule, r)),
  };
}

const changeOrder: Record<ObjectChange, number> = { modify: 0, create: 1, prune: 2, none: 3 };

/** Every managed resource compared, those that change first. */
export function compareAll(items: ManagedResource[], ignoreDifferences: IgnoreDifference[] = []): ResourceDiff[] {
  return items
    .map((r) => compareResource(r, ignoreDifferences))
    .sort((a, b) => changeOrder[a.change] - changeOrder[b.change] || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

function splitImage(image: string): { repository: string; tag: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { repository: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? { repository: image.slice(0, colon), tag: image.slice(colon + 1) } : { repository: image, tag: 'latest' };
}

/** "guestbook-frontend:1.0.0 → 1.1.0" when only the tag changes, else both images whole. */
export function imageChangeText(change: ImageChange): string {
  if (!change.from) return `${change.to} added`;
  if (!change.to) return `${change.from} removed`;
  const before = splitImage(change.from);
  const after = splitImage(change.to);
  if (before.repository !== after.repository) return `${change.from} → ${change.to}`;
  const short = before.repository.split('/').pop();
  const separator = before.tag.startsWith('@') ? '' : ':';
  return `${short}${separator}${before.tag} → ${after.tag}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isImagePath(path: string): boolean {
  return /(^|\.)(containers|initContainers)\[\d+\]\.image$/.test(path);
}

/** What changes in one modified object: "image guestbook-frontend:1.0.0 → 1.1.0", "2 fields", or both. */
export function changeText(d: ResourceDiff): string {
  const images = d.images.map((i) => `image ${d.images.length > 1 ? `(${i.container}) ` : ''}${imageChangeText(i)}`);
  const others = d.changedPaths.filter((p) => !isImagePath(p)).length;
  if (images.length === 0) return plural(Math.max(others, 1), 'field');
  return others > 0 ? `${images.join(', ')}, and ${plural(others, 'other field')}` : images.join(', ');
}

function objectName(d: ResourceDiff): string {
  return `${d.kind} ${d.name}`;
}

function names(list: ResourceDiff[], limit: number): string {
  const shown = list.slice(0, limit).map(objectName);
  return list.length > limit ? `${shown.join(', ')} and ${list.length - limit} more` : shown.join(', ');
}

/**
 * The plain-words summary: "2 objects will change: Deployment frontend: image guestbook-frontend:1.0.0 → 1.1.0;
 * ConfigMap x: 1 field. 1 object will be created: Service redis." Hooks are left out (a sync runs them anyway).
 * limit caps the objects named in each sentence.
 */
export function summaryText(diffs: ResourceDiff[], limit = Infinity): string {
  const objects = diffs.filter((d) => !d.hook);
  const modified = objects.filter((d) => d.change === 'modify');
  const created = objects.filter((d) => d.change === 'create');
  const pruned = objects.filter((d) => d.change === 'prune');
  const sentences: string[] = [];
  if (modified.length > 0) {
    const shown = modified.slice(0, limit).map((d) => `${objectName(d)}: ${changeText(d)}`);
    const more = modified.length > limit ? `; and ${modified.length - limit} more` : '';
    sentences.push(`${plural(modified.length, 'object')} will change: ${shown.join('; ')}${more}`);
  }
  if (created.length > 0) sentences.push(`${plural(created.length, 'object')} will be created: ${names(created, limit)}`);
  if (pruned.length > 0)
    sentences.push(`${plural(pruned.length, 'object')} ${pruned.length === 1 ? 'is' : 'are'} no longer in Git and will be pruned by a sync with prune: ${names(pruned, limit)}`);
  return sentences.length === 0 ? 'No differences: the live objects match Git.' : `${sentences.join('. ')}.`;
}
