import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { officesApi } from '../api/endpoints';
import type { Competence, Office } from '../api/types';
import { useT } from '../i18n';

interface Props {
  id?: string;
  /** one office id; with `multiple`, a list of them */
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  /** choose several offices (e.g. the participants of a joint action) */
  multiple?: boolean;
  /** label for the current value when it is not among the loaded options (e.g. the user's office) */
  currentLabel?: string;
  /** only offices with this competence (e.g. police offices for a criminal transfer) */
  competence?: Competence;
  /** leave this office out (e.g. the case's own office when referring it elsewhere) */
  excludeId?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Office picker searching `GET /offices?q=` as the user types; one office, or several with `multiple`. */
export function OfficeSelect({
  id,
  value,
  onChange,
  multiple,
  currentLabel,
  competence,
  excludeId,
  allowClear,
  placeholder,
  style,
  ...aria
}: Props) {
  const t = useT();
  const [offices, setOffices] = useState<Office[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const timer = useRef<number>(undefined);
  // Names of every office seen, so chosen ones keep their label while another search is listed.
  const seen = useRef(new Map<string, string>());

  useEffect(() => {
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(
      () => {
        setLoading(true);
        officesApi
          .list({ q: q || undefined, competence, page: 1, pageSize: 50 }, controller.signal)
          .then((page) => {
            page.items.forEach((o) => seen.current.set(o.id, o.name));
            setOffices(page.items);
          })
          .catch(() => undefined)
          .finally(() => {
            if (!controller.signal.aborted) setLoading(false);
          });
      },
      q ? 250 : 0,
    );
    return () => {
      controller.abort();
      window.clearTimeout(timer.current);
    };
  }, [q, competence]);

  // A value from the URL or a form whose office is not among the loaded options: fetch its name once.
  const single = typeof value === 'string' ? value : undefined;
  const [resolved, setResolved] = useState<{ id: string; label: string } | null>(null);
  const known = !single || !!currentLabel || offices.some((o) => o.id === single) || resolved?.id === single;
  useEffect(() => {
    if (known || !single) return;
    const controller = new AbortController();
    officesApi.get(single, controller.signal).then(
      (office) => setResolved({ id: office.id, label: office.name }),
      () => undefined,
    );
    return () => controller.abort();
  }, [known, single]);

  const options = useMemo(() => {
    const list = offices
      .filter((o) => o.id !== excludeId)
      .map((o) => ({
        value: o.id,
        label: o.active ? o.name : `${o.name}（${t('common.disabled')}）`,
      }));
    if (Array.isArray(value)) {
      for (const chosen of value) {
        const name = seen.current.get(chosen);
        if (name && !list.some((o) => o.value === chosen)) list.unshift({ value: chosen, label: name });
      }
      return list;
    }
    const label = currentLabel ?? (resolved && resolved.id === value ? resolved.label : undefined);
    if (value && label && !list.some((o) => o.value === value)) list.unshift({ value, label });
    return list;
  }, [offices, value, currentLabel, resolved, excludeId, t]);

  return (
    <Select<string | string[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('offices.officePlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={(open) => {
        if (!open) setQ('');
      }}
      style={style}
      aria-label={aria['aria-label']}
    />
  );
}
