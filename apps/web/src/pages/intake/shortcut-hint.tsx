/** A keyboard shortcut shown on a button; hidden from screen readers, which read `aria-keyshortcuts` instead. */
export function ShortcutHint({ keys }: { keys: string }) {
  return (
    <kbd
      aria-hidden
      style={{
        marginInlineStart: 8,
        padding: '0 4px',
        border: '1px solid currentColor',
        borderRadius: 3,
        fontSize: '0.8em',
        fontFamily: 'inherit',
        opacity: 0.85,
      }}
    >
      {keys}
    </kbd>
  );
}
