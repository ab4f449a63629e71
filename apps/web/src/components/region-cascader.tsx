import { Cascader } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { regionsApi } from '../api/endpoints';
import type { Region } from '../api/types';
import { useT } from '../i18n';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  region: Region;
  children?: RegionOption[];
  loading?: boolean;
}

interface Props {
  id?: string;
  /** the chosen region code (province, city or county) */
  value?: string;
  onChange?: (code: string | undefined, region?: Region) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

const toOption = (region: Region): RegionOption => ({
  value: region.code,
  label: region.name,
  isLeaf: !region.hasChildren,
  region,
});

/** Could `ancestor` contain `code` in the GB/T 2260 scheme (province XX0000, city XXXX00)? */
function mayContain(ancestor: string, code: string): boolean {
  if (ancestor === code) return true;
  if (ancestor.endsWith('0000')) return code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return false;
}

/**
 * Province → city → county, loading each level lazily from `GET /regions?parent=`. Any level can be chosen
 * (a provincial office sits on a province). An initial value is expanded along its path so its label shows.
 */
export function RegionCascader({
  id,
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  ...aria
}: Props) {
  const t = useT();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const rootRef = useRef<RegionOption[]>([]);

  const loadChildren = useCallback(async (option: RegionOption) => {
    if (option.children || option.isLeaf) return;
    option.loading = true;
    setOptions([...rootRef.current]);
    try {
      option.children = (await regionsApi.list(option.region.code)).map(toOption);
      if (option.children.length === 0) option.isLeaf = true;
    } finally {
      option.loading = false;
      setOptions([...rootRef.current]);
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    regionsApi.list().then(
      (regions) => {
        if (cancelled) return;
        rootRef.current = regions.map(toOption);
        setOptions(rootRef.current);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // Resolve the path of an externally set value (edit form, URL filter) once the provinces are there.
  useEffect(() => {
    if (!value) {
      setPath([]);
      return;
    }
    if (path[path.length - 1] === value || options.length === 0) return;
    let cancelled = false;
    (async () => {
      const found: string[] = [];
      let level = rootRef.current;
      for (let depth = 0; depth < 4; depth++) {
        const hit: RegionOption | undefined =
          level.find((o) => o.value === value) ?? level.find((o) => mayContain(o.value, value));
        if (!hit) break;
        found.push(hit.value);
        if (hit.value === value) break;
        await loadChildren(hit);
        level = hit.children ?? [];
      }
      if (!cancelled) setPath(found[found.length - 1] === value ? found : [value]);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, options.length > 0]);

  return (
    <Cascader<RegionOption>
      id={id}
      options={options}
      value={path}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder ?? t('offices.regionPlaceholder')}
      loadData={(selected) => void loadChildren(selected[selected.length - 1])}
      onChange={(codes, selected) => {
        const list = (codes ?? []) as string[];
        setPath(list);
        const last = selected?.[selected.length - 1];
        onChange?.(list.length ? list[list.length - 1] : undefined, last?.region);
      }}
      displayRender={(labels) => labels.join(' / ')}
      style={style}
      aria-label={aria['aria-label']}
    />
  );
}
