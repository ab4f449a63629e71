import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-heading">{t('error.notFound')}</h1>}
      subTitle={t('error.notFoundDetail')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backToWorkbench')}
        </Button>
      }
    />
  );
}
