import type { ButtonHTMLAttributes } from 'react';
import { deniedReason } from '../../../api/session';

export interface Guard {
  /** can-i's answer; undefined while asking. */
  allowed: boolean | undefined;
  action: string;
  object: string;
}

/** Why a control is disabled: RBAC's answer first, then any other reason (undefined when it may be used). */
export function disabledReason(guard: Guard, blocked?: string | false | null): string | undefined {
  if (guard.allowed === undefined) return 'Checking your permissions…';
  if (!guard.allowed) return deniedReason('applications', guard.action, guard.object);
  return blocked || undefined;
}

/**
 * A button that is disabled, with the reason as its title, when RBAC says no (or blocked gives a reason). It stays
 * focusable (aria-disabled rather than disabled) so that a keyboard or screen-reader user can learn why.
 */
export function GuardedButton({
  guard,
  blocked,
  className = 'btn',
  title,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { guard: Guard; blocked?: string | false | null }) {
  const reason = disabledReason(guard, blocked);
  return (
    <button
      type="button"
      className={className}
      {...props}
      aria-disabled={reason ? true : undefined}
      title={reason ?? title}
      onClick={reason ? undefined : onClick}
    />
  );
}
