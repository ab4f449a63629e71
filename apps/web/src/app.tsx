import { App as AntApp, ConfigProvider, Spin, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import type { Role } from './api/types';
import { AuthProvider } from './auth/auth-context';
import { RequireAuth, RequireRole } from './auth/require-auth';
import { useLang, useT, type MessageKey } from './i18n';
import { AppLayout } from './layout/app-layout';
import LoginPage from './pages/login-page';
import PlaceholderPage from './pages/placeholder-page';

const WorkbenchPage = lazy(() => import('./pages/workbench-page'));
const NotFoundPage = lazy(() => import('./pages/not-found-page'));
const UsersPage = lazy(() => import('./pages/admin/users-page'));
const OfficesPage = lazy(() => import('./pages/admin/offices-page'));
const CalendarPage = lazy(() => import('./pages/admin/calendar-page'));
const AuditPage = lazy(() => import('./pages/admin/audit-page'));
const WebhooksPage = lazy(() => import('./pages/admin/webhooks-page'));
const DeliveriesPage = lazy(() => import('./pages/admin/deliveries-page'));
const InboxPage = lazy(() => import('./pages/inbox-page'));
const NotificationSettingsPage = lazy(() => import('./pages/notification-settings-page'));
const CasesPage = lazy(() => import('./pages/cases/cases-page'));
const CaseDetailPage = lazy(() => import('./pages/cases/case-detail-page'));
const IntakeConsolePage = lazy(() => import('./pages/intake/intake-console-page'));
const ReferralsPage = lazy(() => import('./pages/referrals/referrals-page'));
const ReferralDetailPage = lazy(() => import('./pages/referrals/referral-detail-page'));
const ComplaintsPage = lazy(() => import('./pages/complaints/complaints-page'));
const ComplaintDetailPage = lazy(() => import('./pages/complaints/complaint-detail-page'));
const PublicLayout = lazy(() => import('./pages/public/public-layout'));
const PublicComplaintPage = lazy(() => import('./pages/public/public-complaint-page'));
const PublicTrackPage = lazy(() => import('./pages/public/public-track-page'));
const PublicCreditPage = lazy(() => import('./pages/public/public-credit-page'));
const PublicDecisionsPage = lazy(() => import('./pages/public/public-decisions-page'));
const CreditPage = lazy(() => import('./pages/credit/credit-page'));
const ListingDetailPage = lazy(() => import('./pages/credit/listing-detail-page'));
const PublicationsPage = lazy(() => import('./pages/credit/publications-page'));
const PublicationDetailPage = lazy(() => import('./pages/credit/publication-detail-page'));
const StatsPage = lazy(() => import('./pages/stats/stats-page'));
const StatsReportPage = lazy(() => import('./pages/stats/report-page'));

const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

// Darker primary and secondary text than antd's defaults, so text keeps 4.5:1 contrast (WCAG 2.1 AA).
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // stronger focus ring on inputs than antd's 10% tint
    controlOutline: 'rgba(9, 88, 217, 0.35)',
    controlOutlineWidth: 3,
    fontFamily: FONT_STACK,
    borderRadius: 4,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 16px',
      bodyBg: '#f5f7fa',
    },
    Menu: { itemBorderRadius: 4 },
  },
};

function FullPageSpin() {
  const t = useT();
  return (
    <div className="full-page-center" role="status">
      <Spin size="large" />
      <span className="sr-only">{t('common.loading')}</span>
    </div>
  );
}

function Guarded({ roles, children }: { roles: readonly Role[] | 'all'; children: ReactNode }) {
  return <RequireRole roles={roles}>{children}</RequireRole>;
}

const staff: Role[] = ['officer', 'supervisor', 'admin'];
const placeholders: { path: string; titleKey: MessageKey; roles: readonly Role[] | 'all' }[] = [];

export function App() {
  const { lang } = useLang();

  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Suspense fallback={<FullPageSpin />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {/* the 12330 public pages: no sign-in, no staff shell */}
                <Route path="/public" element={<PublicLayout />}>
                  <Route index element={<Navigate to="/public/complaint" replace />} />
                  <Route path="complaint" element={<PublicComplaintPage />} />
                  <Route path="track" element={<PublicTrackPage />} />
                  <Route path="credit" element={<PublicCreditPage />} />
                  <Route path="decisions" element={<PublicDecisionsPage />} />
                </Route>
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<Navigate to="/workbench" replace />} />
                  <Route path="workbench" element={<WorkbenchPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route path="settings/notifications" element={<NotificationSettingsPage />} />
                  <Route
                    path="intake"
                    element={
                      <Guarded roles={['operator', 'officer', 'supervisor']}>
                        <IntakeConsolePage />
                      </Guarded>
                    }
                  />
                  <Route
                    path="cases"
                    element={
                      <Guarded roles={staff}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<CasesPage />} />
                    <Route path=":id" element={<CaseDetailPage />} />
                  </Route>
                  <Route
                    path="referrals"
                    element={
                      <Guarded roles={staff}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<ReferralsPage />} />
                    <Route path=":id" element={<ReferralDetailPage />} />
                  </Route>
                  <Route
                    path="credit"
                    element={
                      <Guarded roles={staff}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<CreditPage />} />
                    <Route path="publications" element={<PublicationsPage />} />
                    <Route path="publications/:id" element={<PublicationDetailPage />} />
                    <Route path=":id" element={<ListingDetailPage />} />
                  </Route>
                  <Route
                    path="complaints"
                    element={
                      <Guarded roles={['operator', ...staff]}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<ComplaintsPage />} />
                    <Route path=":id" element={<ComplaintDetailPage />} />
                  </Route>
                  <Route
                    path="stats"
                    element={
                      <Guarded roles={['supervisor', 'admin']}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<StatsPage />} />
                    <Route path="report" element={<StatsReportPage />} />
                  </Route>
                  {placeholders.map(({ path, titleKey, roles }) => (
                    <Route
                      key={path}
                      path={`${path}/*`}
                      element={
                        <Guarded roles={roles}>
                          <PlaceholderPage titleKey={titleKey} />
                        </Guarded>
                      }
                    />
                  ))}
                  <Route
                    path="admin"
                    element={
                      <Guarded roles={['admin']}>
                        <Outlet />
                      </Guarded>
                    }
                  >
                    <Route index element={<Navigate to="/admin/users" replace />} />
                    <Route path="users" element={<UsersPage />} />
                    <Route path="offices" element={<OfficesPage />} />
                    <Route path="calendar" element={<CalendarPage />} />
                    <Route path="audit" element={<AuditPage />} />
                    <Route path="webhooks" element={<WebhooksPage />} />
                    <Route path="deliveries" element={<DeliveriesPage />} />
                  </Route>
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
