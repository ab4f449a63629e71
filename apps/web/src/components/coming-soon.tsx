import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useT } from '../i18n';

/** An honest placeholder for pages that later issues will build — no sample data. */
export function ComingSoon({ title }: { title: string }) {
  const t = useT();
  return (
    <Card>
      <Result icon={<ClockCircleOutlined aria-hidden />} title={title} subTitle={t('common.comingSoon')} />
    </Card>
  );
}
