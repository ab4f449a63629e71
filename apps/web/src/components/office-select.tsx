import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { officesApi } from '../api/endpoints';
import type { Office } from '../api/types';
import { useT } from '../i18n';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** label for the current value when it is not among the loaded options (e.g. the user's office) */
  currentLabel?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Office picker searching `GET /offices?q=` as the user types. */
export function OfficeSelect({ id, value, onChange, currentLabel, allowClear, placeholder, style, ...aria }: Props) {
  const t = useT();
  const [offices, setOffices] = useState<Office[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const timer = useRef<number>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      officesApi
        .list({ q: q || undefined, page: 1, pageSize: 50 }, controller.signal)
        .then((page) => setOffices(page.items))
        .catch(() => undefined)
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, q ? 250 : 0);
    return () => {
      controller.abort();
      window.clearTimeout(timer.current);
    };
  }, [q]);

  const options = useMemo(() => {
    const list = offices.map((o) => ({ value: o.id, label: o.active ? o.name : `${o.name}（${t('common.disabled')}）` }));
    if (value && currentLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: currentLabel });
    return list;
  }, [offices, value, currentLabel, t]);

  return (
    <Select<string>
      id={id}
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
