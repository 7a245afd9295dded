import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface DialogProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** The buttons row under the content (.dialog-actions). */
  footer?: ReactNode;
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface OpenModal {
  box: () => HTMLDivElement | null;
  close: () => void;
}

// The open modals, the top one last: Escape and Tab are the top one's, wherever the focus is (a button that became
// disabled while busy drops the focus to the body).
const openModals: OpenModal[] = [];

function trapTab(e: KeyboardEvent, box: HTMLDivElement) {
  const items = Array.from(box.querySelectorAll<HTMLElement>(focusable)).filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const inside = box.contains(document.activeElement);
  if (!inside || (e.shiftKey && document.activeElement === first) || (!e.shiftKey && document.activeElement === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  }
}

function onKeyDown(e: KeyboardEvent) {
  const top = openModals[openModals.length - 1];
  const box = top?.box();
  if (!top || !box) return;
  if (e.key === 'Escape') {
    e.preventDefault();
    top.close();
  } else if (e.key === 'Tab') trapTab(e, box);
}

/**
 * What every modal needs: focus moves in when it opens (to the first field, else the first control) and back to
 * where it was when it closes; Tab stays inside; Escape closes it (only the top one of nested modals).
 */
function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first = box?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? box?.querySelector<HTMLElement>(focusable);
    (first ?? box)?.focus();
    const entry: OpenModal = { box: () => ref.current, close: () => closeRef.current() };
    openModals.push(entry);
    if (openModals.length === 1) document.addEventListener('keydown', onKeyDown);
    return () => {
      openModals.splice(openModals.indexOf(entry), 1);
      if (openModals.length === 0) document.removeEventListener('keydown', onKeyDown);
      previous?.focus?.();
    };
  }, [open]);
  return ref;
}

function Modal({ open, title, onClose, children, footer, overlayClass, boxClass }: DialogProps & { overlayClass: string; boxClass: string }) {
  const titleId = useId();
  const ref = useModal(open, onClose);
  if (!open) return null;
  return createPortal(
    <div
      className={overlayClass}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div ref={ref} className={boxClass} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn ghost dialog-close" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </div>
        {children}
        {footer && <div className="dialog-actions">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}

/** A modal dialog (role="dialog", aria-modal, titled); Escape, the ✕ button or a click outside closes it. */
export function Dialog(props: DialogProps) {
  return <Modal {...props} overlayClass="dialog-overlay" boxClass="dialog" />;
}

/** The same modal as a panel sliding in from the right (.overlay/.drawer), for long content such as a diff. */
export function Drawer(props: DialogProps) {
  return <Modal {...props} overlayClass="overlay" boxClass="drawer" />;
}
