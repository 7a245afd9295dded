// Line diffs of two YAML texts (the `diff` package), shaped for the unified and the side-by-side views.
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
  /** 1-based line numbers on the live (old) and desired (new) side. */
  oldNo?: number;
  newNo?: number;
}

function split(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const part of diffLines(before, after)) {
    for (const text of split(part.value)) {
      if (part.added) out.push({ kind: 'add', text, newNo: newNo++ });
      else if (part.removed) out.push({ kind: 'del', text, oldNo: oldNo++ });
      else out.push({ kind: 'same', text, oldNo: oldNo++, newNo: newNo++ });
    }
  }
  return out;
}

/** Lines to show, and runs of unchanged lines folded away (more than 2 × context lines from any change). */
export type DiffBlock = { type: 'lines'; lines: DiffLine[] } | { type: 'fold'; lines: DiffLine[] };

export function foldUnchanged(lines: DiffLine[], context = 3): DiffBlock[] {
  const near = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) near[j] = true;
  });
  const blocks: DiffBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const keep = near[i];
    let j = i;
    while (j < lines.length && near[j] === keep) j++;
    const run = lines.slice(i, j);
    // A fold of one or two lines hides nothing worth hiding.
    blocks.push(keep || run.length <= 2 ? { type: 'lines', lines: run } : { type: 'fold', lines: run });
    i = j;
  }
  return blocks;
}

export interface SideRow {
  left?: DiffLine;
  right?: DiffLine;
}

/** Pairs removed and added lines row by row (a changed line sits beside its new version). */
export function sideBySide(lines: DiffLine[]): SideRow[] {
  const rows: SideRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === 'same') {
      rows.push({ left: line, right: line });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === 'del') dels.push(lines[i++]);
    while (i < lines.length && lines[i].kind === 'add') adds.push(lines[i++]);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) rows.push({ left: dels[k], right: adds[k] });
  }
  return rows;
}
