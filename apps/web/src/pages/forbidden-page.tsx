import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 className="result-heading">{t('error.forbidden')}</h1>}
      subTitle={t('error.forbiddenDetail')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backToWorkbench')}
        </Button>
      }
    />
  );
}
