import { Select } from 'antd';
import { useEffect, useMemo, useState, type AriaAttributes, type CSSProperties } from 'react';
import { http, isApiError } from '../api/http';
import { publicComplaintsApi } from '../api/public-complaints';
import type { components } from '../api/schema';
import type { Region } from '../api/types';
import { useT, type MessageKey } from '../i18n';
import { useDebounced } from '../lib/use-debounced';

type RegionDetail = components['schemas']['RegionDetailResponseDto'];

/** A region as the picker shows it: its code and full name (浙江省杭州市西湖区). */
export interface PickedRegion {
  code: string;
  name: string;
  fullName: string;
  level: Region['level'];
}

/** Where the picker looks regions up, and what it says while it does. */
interface Source {
  search: (q: string, within: string | undefined, signal: AbortSignal) => Promise<Region[]>;
  /** One region by its 6-digit code (a typed code, or a value set from outside); without it a code is searched. */
  byCode?: (code: string, signal: AbortSignal) => Promise<Region | RegionDetail>;
  /** Show each option's code beside its name (staff know the codes; the public does not). */
  showCodes: boolean;
  text: { placeholder: MessageKey; hint: MessageKey; none: MessageKey; failed?: MessageKey };
}

const SOURCES: Record<'staff' | 'public', Source> = {
  // GET /regions and /regions/:code need a sign-in.
  staff: {
    search: (q, within, signal) => http.get<Region[]>('/regions', { q, parent: within }, signal),
    byCode: (code, signal) =>
      http.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`, undefined, signal),
    showCodes: true,
    text: {
      placeholder: 'intake.region.placeholder',
      hint: 'intake.region.typeHint',
      none: 'intake.region.noMatch',
    },
  },
  // GET /public/regions needs none (rate-limited per client).
  public: {
    search: (q, within) => publicComplaintsApi.regions({ q, parent: within }),
    showCodes: false,
    text: {
      placeholder: 'public.form.regionPlaceholder',
      hint: 'public.form.regionHint',
      none: 'public.form.regionNone',
      failed: 'public.form.regionFailed',
    },
  },
};

interface Props extends Pick<
  AriaAttributes,
  'aria-label' | 'aria-describedby' | 'aria-invalid' | 'aria-required'
> {
  /** `public`: the public form's search, without a sign-in; staff's by default */
  source?: keyof typeof SOURCES;
  id?: string;
  /** the chosen GB/T 2260 code */
  value?: string;
  onChange?: (code: string | undefined, region?: PickedRegion) => void;
  /** hits inside this region (e.g. the user's province) are listed first */
  prefer?: string;
  /** only regions inside this one */
  within?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  status?: 'error' | 'warning';
  style?: CSSProperties;
}

const SEARCH_DELAY_MS = 250;
/** The longest search term the server takes. */
const MAX_TERM = 32;
const NONE: PickedRegion[] = [];

const toPicked = (r: Region | RegionDetail): PickedRegion => ({
  code: r.code,
  name: r.name,
  fullName: r.fullName ?? r.name,
  level: r.level,
});

/** Could `ancestor` contain `code` in the GB/T 2260 scheme (province XX0000, city XXXX00)? */
function contains(ancestor: string, code: string): boolean {
  if (ancestor.endsWith('0000')) return code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return ancestor === code;
}

/**
 * 行政区划 picked by typing: the name (西湖), its 拼音 (xihu) or initials (xh), "杭州 西湖", or (staff) a 6-digit code,
 * searched as the user types (the server ranks exact and prefix hits first, provinces → cities → counties). Each
 * option shows the full name, so the many 朝阳区 can be told apart. Arrow keys and Enter pick. Staff search
 * `GET /regions`; the public form (`source="public"`) searches `GET /public/regions`, which needs no sign-in.
 */
export function RegionPicker({
  source = 'staff',
  id,
  value,
  onChange,
  prefer,
  within,
  placeholder,
  allowClear = true,
  disabled,
  status,
  style,
  ...aria
}: Props) {
  const t = useT();
  const src = SOURCES[source];
  const [q, setQ] = useState('');
  const term = q.trim().slice(0, MAX_TERM);
  const settled = useDebounced(term, SEARCH_DELAY_MS);
  const [found, setFound] = useState<{ term: string; hits: PickedRegion[]; problem?: string } | null>(null);
  // The label of the chosen value (kept when the hits change, and fetched for a value set from outside).
  const [chosen, setChosen] = useState<PickedRegion | null>(null);

  useEffect(() => {
    if (!settled) return;
    const controller = new AbortController();
    const byCode = src.byCode && /^\d{6}$/.test(settled) ? src.byCode : undefined;
    const lookup = byCode
      ? byCode(settled, controller.signal).then((r) => [toPicked(r)])
      : src.search(settled, within, controller.signal).then((list) => list.map(toPicked));
    lookup.then(
      (list) => {
        if (controller.signal.aborted) return;
        // Stable sort: the preferred subtree first, otherwise the server's ranking.
        const hits = prefer
          ? [...list].sort((a, b) => Number(contains(prefer, b.code)) - Number(contains(prefer, a.code)))
          : list;
        setFound({ term: settled, hits });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem =
          byCode && isApiError(error) && (error.status === 404 || error.status === 400)
            ? t('intake.region.unknownCode', { code: settled })
            : src.text.failed
              ? t(src.text.failed)
              : isApiError(error)
                ? error.problem.title
                : t('error.network');
        setFound({ term: settled, hits: [], problem });
      },
    );
    return () => controller.abort();
  }, [settled, src, within, prefer, t]);

  // While the next search is on its way the last hits stay listed.
  const hits = term ? (found?.hits ?? NONE) : NONE;
  const loading = !!term && found?.term !== term;
  const problem = found?.term === term ? found.problem : undefined;

  // A value set from outside (an edit form, a reset): show its full name.
  useEffect(() => {
    if (!value) {
      setChosen(null);
      return;
    }
    if (chosen?.code === value) return;
    const hit = hits.find((h) => h.code === value);
    if (hit) {
      setChosen(hit);
      return;
    }
    if (!src.byCode) return;
    const controller = new AbortController();
    src.byCode(value, controller.signal).then(
      (r) => setChosen(toPicked(r)),
      () => undefined,
    );
    return () => controller.abort();
  }, [value, chosen, hits, src]);

  const options = useMemo(() => {
    const list = hits.map((h) => ({ value: h.code, label: h.fullName, region: h }));
    if (value && chosen?.code === value && !list.some((o) => o.value === value)) {
      list.unshift({ value, label: chosen.fullName, region: chosen });
    }
    return list;
  }, [hits, value, chosen]);

  const notFound = loading ? t('common.loading') : (problem ?? (term ? t(src.text.none) : t(src.text.hint)));

  return (
    <Select<string, { value: string; label: string; region: PickedRegion }>
      id={id}
      value={value}
      options={options}
      loading={loading}
      disabled={disabled}
      status={status}
      allowClear={allowClear}
      placeholder={placeholder ?? t(src.text.placeholder)}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      notFoundContent={notFound}
      defaultActiveFirstOption
      onChange={(code, option) => {
        const picked = option && !Array.isArray(option) ? option.region : undefined;
        if (picked) setChosen(picked);
        setQ('');
        onChange?.(code ?? undefined, picked);
      }}
      onOpenChange={(open) => {
        if (!open) setQ('');
      }}
      optionRender={
        src.showCodes
          ? (option) => (
              <span>
                {option.data.label}
                <span className="muted" style={{ marginInlineStart: 8 }}>
                  {option.data.value}
                </span>
              </span>
            )
          : undefined
      }
      style={style}
      {...aria}
    />
  );
}
