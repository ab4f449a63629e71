import { Button, Form, Select, Space } from 'antd';
import { RegionPicker } from '../../components/region-picker';
import { useT } from '../../i18n';
import { labelOf, PUBLIC_IP_TYPES } from './public-labels';

/** The region and IP-type filters of a public search form (fields `region` and `ipType`). */
export function RegionAndIpTypeRow() {
  const t = useT();
  return (
    <div className="public-form-row">
      <Form.Item name="region" label={t('public.credit.region')}>
        <RegionPicker source="public" />
      </Form.Item>
      <Form.Item name="ipType" label={t('public.credit.ipType')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          options={PUBLIC_IP_TYPES.map((code) => ({
            value: code,
            label: labelOf(t, 'public.ipType.', code),
          }))}
        />
      </Form.Item>
    </div>
  );
}

/** Search and reset; reset clears the form and searches again with no filter. */
export function SearchActions({ saving, onReset }: { saving: boolean; onReset: () => void }) {
  const t = useT();
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.search')}
      </Button>
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Space>
  );
}
