import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { edgePath, type Layout, type Point } from './graphLayout';

/** Past this many boxes, only those near the visible part of the canvas are rendered. */
const CULL_FROM = 150;
const CULL_MARGIN = 400;

interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A laid-out graph: SVG edges under absolutely positioned boxes, in a scrolling area. Each box is what
 * `renderNode` makes of it; large graphs render only the boxes near the viewport.
 */
export function GraphCanvas({
  layout,
  label,
  highlighted,
  renderNode,
}: {
  layout: Layout;
  label: string;
  /** Edges touching this node are drawn stronger. */
  highlighted?: string | null;
  renderNode: (id: string, box: Point & { width: number; height: number }) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const cull = layout.positions.size > CULL_FROM;

  useEffect(() => {
    const el = scroller.current;
    if (!el || !cull) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setViewport({ left: el.scrollLeft, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight }));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [cull]);

  const visible = (box: Point & { width: number; height: number }) =>
    !cull ||
    !viewport ||
    (box.x + box.width >= viewport.left - CULL_MARGIN &&
      box.x <= viewport.left + viewport.width + CULL_MARGIN &&
      box.y + box.height >= viewport.top - CULL_MARGIN &&
      box.y <= viewport.top + viewport.height + CULL_MARGIN);

  return (
    <div className="graph-scroll" ref={scroller} role="region" aria-label={label} tabIndex={0}>
      <div className="graph-canvas" style={{ width: layout.width, height: layout.height }}>
        <svg className="graph-edges" width={layout.width} height={layout.height} aria-hidden="true">
          {layout.edges.map((e) => {
            const d = edgePath(layout, e.from, e.to);
            if (!d) return null;
            const strong = highlighted != null && (e.from === highlighted || e.to === highlighted);
            return <path key={`${e.from}>${e.to}`} d={d} className={strong ? 'strong' : undefined} />;
          })}
        </svg>
        {[...layout.positions].map(([id, box]) => (visible(box) ? <Fragment key={id}>{renderNode(id, box)}</Fragment> : null))}
      </div>
    </div>
  );
}
