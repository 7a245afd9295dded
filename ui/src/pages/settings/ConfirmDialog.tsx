import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { Modal, ModalActions } from './Modal';
import { useAction } from './useAction';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The button that confirms, e.g. "Delete". */
  confirm: string;
  /** Runs on confirmation; a failure is shown in the dialog with the server's message, a success closes it. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before something that cannot be undone; the action's error stays in the dialog. */
export function ConfirmDialog({ title, children, confirm, onConfirm, onClose }: ConfirmDialogProps) {
  const { run, busy, error } = useAction(onConfirm);
  const confirmed = async () => {
    if (await run()) onClose();
  };
  return (
    <Modal title={title} onClose={onClose} role="alertdialog">
      <div>{children}</div>
      <ErrorMessage error={error} />
      <ModalActions onCancel={onClose}>
        <button type="button" className="btn danger" onClick={confirmed} disabled={busy}>
          {busy ? `${confirm}…` : confirm}
        </button>
      </ModalActions>
    </Modal>
  );
}
