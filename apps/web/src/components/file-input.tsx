import type { EvidenceRules } from '../api/types';
import { useT, type TFunction } from '../i18n';
import { formatBytes } from '../lib/case-format';

/** The extension of a file name as the server reads it: after the last dot, lower case ('' for none). */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The server's upload limits (`evidence` of the case catalog; every upload shares them), checked before a byte is
 * sent: the type by the file name's extension, the size. The server checks again; its field errors land on the
 * same field.
 */
export function fileProblem(file: File, rules: EvidenceRules, t: TFunction): string | null {
  if (!rules.extensions.includes(extensionOf(file.name))) {
    return t('cases.evidence.badType', { name: file.name, types: rules.extensions.join(', ') });
  }
  if (file.size > rules.maxBytes) {
    return t('cases.evidence.tooLarge', {
      name: file.name,
      size: formatBytes(file.size),
      max: formatBytes(rules.maxBytes),
    });
  }
  return null;
}

/** A plain, labelled file input (keyboard and screen-reader friendly); shows the chosen file. */
export function FileInput({
  id,
  value,
  onChange,
  accept,
}: {
  id?: string;
  value?: File | null;
  onChange?: (file: File | null) => void;
  /** `.pdf,.jpg,…`: what the picker offers first */
  accept?: string;
}) {
  const t = useT();
  return (
    <div className="file-input">
      <input id={id} type="file" accept={accept} onChange={(e) => onChange?.(e.target.files?.[0] ?? null)} />
      {value ? (
        <div className="muted">
          {t('cases.evidence.chosen', { name: value.name, size: formatBytes(value.size) })}
        </div>
      ) : null}
    </div>
  );
}
