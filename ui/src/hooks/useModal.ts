import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

const focusable = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * What a modal (the resource drawer, a settings dialog, a confirmation) needs: focus moves into it when it opens —
 * a field that took it with autoFocus keeps it, else the [data-autofocus] element or the first control — and back
 * where it was when it closes; Escape closes it; Tab stays inside. Spread the returned onKeyDown on the modal's
 * element; an inner modal stops its keys from reaching an outer one.
 */
export function useModal<T extends HTMLElement>(onClose: () => void): { ref: RefObject<T | null>; onKeyDown: (e: KeyboardEvent) => void } {
  const ref = useRef<T>(null);
  // Where focus was before the modal opened, read at its first render (before a field of it takes focus with autoFocus).
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) {
      const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>(focusable);
      (first ?? el).focus();
    }
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, [before]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)].filter((i) => i.offsetParent !== null);
    if (items.length === 0) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
    e.stopPropagation();
  };
  return { ref, onKeyDown };
}
