import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { FilterCard, FilterSelect } from '../../components/list-controls';
import { OfficeSelect } from '../../components/office-select';
import { RegionPicker } from '../../components/region-picker';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { addMonths, MAX_PERIOD_MONTHS, monthCount } from './stats-model';
import type { StatsState } from './use-stats-filters';

interface Values {
  region?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  ipType?: string;
  procedure?: string;
  source?: string;
  officeId?: string;
}

/**
 * The dashboard's filters: region (the reader's own scope when empty), period of whole months, IP type, procedure,
 * source and office. 查询 writes them to the URL; 重置 goes back to the defaults.
 */
export function StatsFilterBar({ state }: { state: StatsState }) {
  const t = useT();
  const { catalog, options } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { url, filters, ownRegion, ownRegionName } = state;
  const formIpType = Form.useWatch('ipType', form);

  useEffect(() => {
    form.setFieldsValue({
      region: filters.region,
      period: [dayjs(`${filters.from}-01`), dayjs(`${filters.to}-01`)],
      ipType: filters.ipType,
      procedure: filters.procedure,
      source: filters.source,
      officeId: filters.officeId,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, url.key]);

  const procedures = (catalog?.procedures ?? []).filter((p) => !formIpType || p.ipTypes.includes(formIpType));

  const onFinish = (v: Values) => {
    let from = v.period?.[0]?.format('YYYY-MM');
    let to = v.period?.[1]?.format('YYYY-MM');
    if (from && !to) to = from;
    if (to && !from) from = addMonths(to, -11);
    // The API takes at most 10 years: keep the last 120 months of a longer choice.
    if (from && to && monthCount(from, to) > MAX_PERIOD_MONTHS)
      from = addMonths(to, -(MAX_PERIOD_MONTHS - 1));
    url.update({
      region: v.region,
      from,
      to,
      ipType: v.ipType,
      procedure: v.procedure,
      source: v.source,
      officeId: v.officeId,
      // a new office filter opens its officers' workload
      workload: undefined,
    });
  };

  return (
    <FilterCard<Values> form={form} url={url} name="stats-filter" onFinish={onFinish}>
      <Form.Item label={t('stats.filter.region')} name="region">
        <RegionPicker
          within={ownRegion ?? undefined}
          prefer={ownRegion ?? undefined}
          placeholder={
            ownRegionName ? t('stats.filter.ownScope', { name: ownRegionName }) : t('stats.filter.country')
          }
          style={{ width: 240 }}
        />
      </Form.Item>
      <Form.Item label={t('stats.filter.period')} name="period">
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          placeholder={[t('stats.filter.fromMonth'), t('stats.filter.toMonth')]}
          style={{ width: 240 }}
        />
      </Form.Item>
      <FilterSelect
        label={t('stats.filter.ipType')}
        name="ipType"
        style={{ width: 150 }}
        options={options('ipTypes')}
        onChange={(value?: string) => {
          const current = catalog?.procedures.find((p) => p.code === form.getFieldValue('procedure'));
          if (value && current && !current.ipTypes.includes(value))
            form.setFieldsValue({ procedure: undefined });
        }}
      />
      <FilterSelect
        label={t('stats.filter.procedure')}
        name="procedure"
        style={{ width: 200 }}
        options={options(
          'procedures',
          procedures.map((p) => p.code),
        )}
      />
      <FilterSelect
        label={t('stats.filter.source')}
        name="source"
        style={{ width: 140 }}
        options={options('sources')}
      />
      <Form.Item label={t('stats.filter.office')} name="officeId">
        <OfficeSelect allowClear placeholder={t('common.all')} style={{ width: 240 }} />
      </Form.Item>
    </FilterCard>
  );
}
