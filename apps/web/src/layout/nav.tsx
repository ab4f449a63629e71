import {
  ApiOutlined,
  SendOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  MessageOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavEntry {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  roles: readonly Role[] | 'all';
  children?: NavEntry[];
}

const staff: Role[] = ['officer', 'supervisor', 'admin'];

/** The left navigation, and the single source of which role may open which page. */
export const NAV: NavEntry[] = [
  { path: '/workbench', labelKey: 'nav.workbench', icon: <DashboardOutlined />, roles: 'all' },
  {
    path: '/intake',
    labelKey: 'intake.nav',
    icon: <CustomerServiceOutlined />,
    roles: ['operator', 'officer', 'supervisor'],
  },
  { path: '/complaints', labelKey: 'nav.complaints', icon: <PhoneOutlined />, roles: ['operator', ...staff] },
  { path: '/cases', labelKey: 'nav.cases', icon: <FileSearchOutlined />, roles: staff },
  { path: '/referrals', labelKey: 'nav.referrals', icon: <SwapOutlined />, roles: staff },
  { path: '/credit', labelKey: 'nav.credit', icon: <SafetyCertificateOutlined />, roles: staff },
  { path: '/stats', labelKey: 'nav.stats', icon: <BarChartOutlined />, roles: ['supervisor', 'admin'] },
  { path: '/inbox', labelKey: 'nav.inbox', icon: <MessageOutlined />, roles: 'all' },
  {
    path: '/admin',
    labelKey: 'nav.admin',
    icon: <SettingOutlined />,
    roles: ['admin'],
    children: [
      { path: '/admin/users', labelKey: 'nav.admin.users', icon: <TeamOutlined />, roles: ['admin'] },
      {
        path: '/admin/offices',
        labelKey: 'nav.admin.offices',
        icon: <ApartmentOutlined />,
        roles: ['admin'],
      },
      {
        path: '/admin/calendar',
        labelKey: 'nav.admin.calendar',
        icon: <CalendarOutlined />,
        roles: ['admin'],
      },
      { path: '/admin/audit', labelKey: 'nav.admin.audit', icon: <AuditOutlined />, roles: ['admin'] },
      { path: '/admin/webhooks', labelKey: 'nav.admin.webhooks', icon: <ApiOutlined />, roles: ['admin'] },
      {
        path: '/admin/deliveries',
        labelKey: 'nav.admin.deliveries',
        icon: <SendOutlined />,
        roles: ['admin'],
      },
    ],
  },
];

/** The chain of nav entries leading to `pathname` (for the breadcrumb and the selected menu item). */
export function navTrail(pathname: string): NavEntry[] {
  for (const entry of NAV) {
    for (const child of entry.children ?? []) {
      if (pathname === child.path || pathname.startsWith(`${child.path}/`)) return [entry, child];
    }
    if (pathname === entry.path || pathname.startsWith(`${entry.path}/`)) return [entry];
  }
  return [];
}

export function rolesFor(path: string): readonly Role[] | 'all' {
  const trail = navTrail(path);
  return trail.length ? trail[trail.length - 1].roles : 'all';
}
