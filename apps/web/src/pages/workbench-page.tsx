import { Button, Card, Col, Descriptions, Empty, Row, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/auth-context';
import { RoleTags } from '../components/role-tags';
import { useT } from '../i18n';
import { NAV } from '../layout/nav';
import { PageContainer } from '../layout/page-container';

export default function WorkbenchPage() {
  const t = useT();
  const me = useMe();
  const { hasAnyRole } = useAuth();
  const navigate = useNavigate();
  const shortcuts = NAV.filter((e) => e.path !== '/workbench' && !e.children && hasAnyRole(e.roles));

  return (
    <PageContainer title={t('nav.workbench')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('workbench.welcome', { name: me.displayName })}>
            <Descriptions column={1} size="small" aria-label={t('workbench.profile')}>
              <Descriptions.Item label={t('workbench.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.roles')}>
                <RoleTags roles={me.roles} />
              </Descriptions.Item>
              <Descriptions.Item label={t('workbench.office')}>
                <span data-testid="workbench-office">{me.office.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('workbench.region')}>
                <span data-testid="workbench-region">{me.region.name}</span>（{me.region.code}）
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('workbench.todo')}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <>
                  {t('workbench.todoHint')} {t('common.comingSoon')}
                </>
              }
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('workbench.shortcuts')}>
            <Space wrap>
              {shortcuts.map((entry) => (
                <Button key={entry.path} icon={entry.icon} onClick={() => navigate(entry.path)}>
                  {t(entry.labelKey)}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
