import { diffWordsWithSpace } from 'diff';
import { useMemo, useState, type ReactNode } from 'react';
import { foldUnchanged, lineDiff, sideBySide, type DiffBlock, type DiffLine } from './lineDiff';

export type DiffMode = 'unified' | 'split';

const marker: Record<DiffLine['kind'], string> = { add: '+', del: '-', same: ' ' };
const rowClass: Record<DiffLine['kind'], string> = { add: 'diff-add', del: 'diff-del', same: '' };

/** The words of a changed line that differ from its counterpart, marked. */
function words(text: string, other: string, side: 'left' | 'right'): ReactNode {
  return diffWordsWithSpace(side === 'left' ? text : other, side === 'left' ? other : text).map((part, i) => {
    if (side === 'left' ? part.added : part.removed) return null;
    const changed = side === 'left' ? part.removed : part.added;
    return changed ? (
      <mark key={i} className="ops-diff-word">
        {part.value}
      </mark>
    ) : (
      part.value
    );
  });
}

function Fold({ lines, columns, onOpen }: { lines: DiffLine[]; columns: number; onOpen: () => void }) {
  return (
    <tr className="ops-diff-fold">
      <td colSpan={columns}>
        <button type="button" className="btn ghost small" onClick={onOpen}>
          ⋯ {lines.length} unchanged lines
        </button>
      </td>
    </tr>
  );
}

function UnifiedRows({ lines }: { lines: DiffLine[] }) {
  return lines.map((l, i) => (
    <tr key={i} className={rowClass[l.kind]}>
      <td className="ops-diff-no">{l.oldNo}</td>
      <td className="ops-diff-no">{l.newNo}</td>
      <td className="ops-diff-mark">{marker[l.kind]}</td>
      <td className="ops-diff-text">{l.text}</td>
    </tr>
  ));
}

function Cell({ line, other, side }: { line?: DiffLine; other?: DiffLine; side: 'left' | 'right' }) {
  if (!line) return <td colSpan={3} className="ops-diff-blank" />;
  const paired = line.kind !== 'same' && other && other.kind !== 'same';
  return (
    <>
      <td className={`ops-diff-no ${rowClass[line.kind]}`}>{side === 'left' ? line.oldNo : line.newNo}</td>
      <td className={`ops-diff-mark ${rowClass[line.kind]}`}>{marker[line.kind]}</td>
      <td className={`ops-diff-text ${rowClass[line.kind]}`}>{paired ? words(line.text, other.text, side) : line.text}</td>
    </>
  );
}

function SplitRows({ lines }: { lines: DiffLine[] }) {
  return sideBySide(lines).map((row, i) => (
    <tr key={i}>
      <Cell line={row.left} other={row.right} side="left" />
      <Cell line={row.right} other={row.left} side="right" />
    </tr>
  ));
}

/** A line diff of two texts, unified or side by side; unchanged runs folded, each fold opened with a click. */
export function DiffView({ before, after, mode, label }: { before: string; after: string; mode: DiffMode; label: string }) {
  const blocks = useMemo<DiffBlock[]>(() => foldUnchanged(lineDiff(before, after)), [before, after]);
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const columns = mode === 'unified' ? 4 : 6;
  return (
    <div className="ops-diff-scroll">
      <table className={`ops-diff ops-diff-${mode}`} aria-label={label}>
        <thead className="ops-sr-only">
          {mode === 'unified' ? (
            <tr>
              <th>Live line</th>
              <th>Desired line</th>
              <th>Change</th>
              <th>Text</th>
            </tr>
          ) : (
            <tr>
              <th>Live line</th>
              <th>Change</th>
              <th>Live</th>
              <th>Desired line</th>
              <th>Change</th>
              <th>Desired</th>
            </tr>
          )}
        </thead>
        <tbody>
          {blocks.map((b, i) =>
            b.type === 'fold' && !opened.has(i) ? (
              <Fold key={i} lines={b.lines} columns={columns} onOpen={() => setOpened(new Set(opened).add(i))} />
            ) : mode === 'unified' ? (
              <UnifiedRows key={i} lines={b.lines} />
            ) : (
              <SplitRows key={i} lines={b.lines} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
