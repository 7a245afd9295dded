import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** A centred dialog (the default) or a drawer from the right, for long forms. */
  variant?: 'dialog' | 'drawer';
  /** alertdialog for a question that needs an answer (a confirmation). */
  role?: 'dialog' | 'alertdialog';
  /** Extra class on the panel. */
  className?: string;
}

/**
 * A modal dialog: role="dialog" with aria-modal and aria-labelledby, focus moved into it (the field with autoFocus, else its first control)
 * and kept there with Tab, Escape closes it, and focus goes back where it was when it closes.
 */
export function Modal({ title, onClose, children, variant = 'dialog', role = 'dialog', className }: ModalProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  // Where focus was before the dialog opened (read before a field of it takes focus with autoFocus), to go back to.
  const [previous] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    const root = panel.current;
    if (root && !root.contains(document.activeElement)) (root.querySelector<HTMLElement>(focusable) ?? root).focus();
    return () => previous?.focus?.();
  }, [previous]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className={variant === 'drawer' ? 'overlay' : 'dialog-overlay'} onKeyDown={onKeyDown}>
      <div
        ref={panel}
        className={`${variant === 'drawer' ? 'drawer' : 'dialog'} ${className ?? ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

/** A dialog's buttons: Cancel, then the given ones (the confirming one last). */
export function ModalActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <div className="dialog-actions span-all">
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </div>
  );
}
