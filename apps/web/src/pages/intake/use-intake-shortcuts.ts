import { useEffect, useRef } from 'react';

/** `aria-keyshortcuts` values of the two console commands. */
export const SAVE_KEYS = 'Control+Enter Control+S';
export const NEXT_KEYS = 'Alt+N Control+Shift+N';

/** What the buttons show: ⌘ on a Mac, Ctrl elsewhere. */
export function shortcutLabels(): { save: string; next: string } {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return { save: mac ? '⌘+Enter' : 'Ctrl+Enter', next: mac ? '⌥+N' : 'Alt+N' };
}

/**
 * The console's keyboard commands, wherever the focus is (even in an open dropdown or the description):
 * Ctrl+Enter or Ctrl+S saves; Alt+N or Ctrl+Shift+N starts the next call. `event.code` is used, so the keys work
 * with a Chinese input method on and with the Option-key characters of a Mac.
 */
export function useIntakeShortcuts(handlers: { save: () => void; next: () => void }): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && (e.key === 'Enter' || e.code === 'KeyS')) {
        e.preventDefault();
        e.stopPropagation();
        ref.current.save();
      } else if (
        e.code === 'KeyN' &&
        ((e.altKey && !mod && !e.shiftKey) || (mod && e.shiftKey && !e.altKey))
      ) {
        e.preventDefault();
        e.stopPropagation();
        ref.current.next();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
