import {
  BellOutlined,
  DownOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/auth-context';
import { InboxBell } from '../components/inbox-bell';
import { LanguageSwitch } from '../components/language-switch';
import { RoleTags } from '../components/role-tags';
import { useT } from '../i18n';
import { headerPopupContainer } from '../lib/popup';
import { NAV, navTrail } from './nav';

const { Header, Sider, Content } = Layout;
const COLLAPSED_KEY = 'ipe.navCollapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function AppLayout() {
  const t = useT();
  const me = useMe();
  const { hasAnyRole, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(readCollapsed);

  const trail = navTrail(location.pathname);
  const selectedKey = trail.length ? trail[trail.length - 1].path : '';
  const [openKeys, setOpenKeys] = useState<string[]>(trail.length > 1 ? [trail[0].path] : []);

  useEffect(() => {
    if (trail.length > 1)
      setOpenKeys((keys) => (keys.includes(trail[0].path) ? keys : [...keys, trail[0].path]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname]);

  const items = useMemo<MenuProps['items']>(
    () =>
      NAV.filter((entry) => hasAnyRole(entry.roles)).map((entry) =>
        entry.children
          ? {
              key: entry.path,
              icon: entry.icon,
              label: t(entry.labelKey),
              children: entry.children
                .filter((child) => hasAnyRole(child.roles))
                .map((child) => ({ key: child.path, icon: child.icon, label: t(child.labelKey) })),
            }
          : { key: entry.path, icon: entry.icon, label: t(entry.labelKey) },
      ),
    [hasAnyRole, t],
  );

  const toggle = () => {
    setCollapsed((c) => {
      try {
        localStorage.setItem(COLLAPSED_KEY, c ? '0' : '1');
      } catch {
        // ignore
      }
      return !c;
    });
  };

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout className="app-shell">
      <a className="skip-link" href="#main-content">
        {t('a11y.skipToContent')}
      </a>
      <Header className="app-header">
        <div className="app-header-left">
          <Button
            type="text"
            className="nav-toggle"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            aria-label={collapsed ? t('header.expandNav') : t('header.collapseNav')}
            aria-expanded={!collapsed}
            aria-controls="app-nav"
            onClick={toggle}
          />
          <span className="app-logo" aria-hidden>
            知
          </span>
          <span className="app-title">{t('app.name')}</span>
        </div>
        <div className="app-header-right">
          <LanguageSwitch />
          <span className="header-office" title={t('header.office')}>
            {me.office.name}
          </span>
          <RoleTags roles={me.roles} />
          <InboxBell />
          <Dropdown
            trigger={['click']}
            placement="bottomRight"
            getPopupContainer={headerPopupContainer}
            menu={{
              items: [
                { key: 'notification-settings', icon: <BellOutlined />, label: t('inbox.settings') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'logout') void onLogout();
                else if (key === 'notification-settings') navigate('/settings/notifications');
              },
            }}
          >
            <Button
              type="text"
              className="header-user"
              aria-label={t('header.userMenu', { name: me.displayName })}
            >
              <UserOutlined aria-hidden />
              <span className="header-user-name" data-testid="current-user">
                {me.displayName}
              </span>
              <DownOutlined aria-hidden className="header-user-caret" />
            </Button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        <Sider
          className="app-sider"
          theme="light"
          width={216}
          collapsedWidth={64}
          collapsed={collapsed}
          trigger={null}
          breakpoint="lg"
          onBreakpoint={(broken) => broken && setCollapsed(true)}
        >
          <nav id="app-nav" aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selectedKey ? [selectedKey] : []}
              openKeys={collapsed ? undefined : openKeys}
              onOpenChange={(keys) => setOpenKeys(keys as string[])}
              onClick={({ key }) => navigate(key)}
            />
          </nav>
        </Sider>
        <Content id="main-content" className="app-content" tabIndex={-1}>
          <Suspense
            fallback={
              <div className="page-loading" role="status">
                <Spin />
                <span className="sr-only">{t('common.loading')}</span>
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <Typography.Text className="app-footer" type="secondary">
            {t('app.name')}
          </Typography.Text>
        </Content>
      </Layout>
    </Layout>
  );
}
