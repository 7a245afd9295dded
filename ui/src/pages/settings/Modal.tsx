import { useId, type ReactNode } from 'react';
import { useModal } from '../../hooks/useModal';

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
  const { ref: panel, onKeyDown } = useModal<HTMLDivElement>(onClose);

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
