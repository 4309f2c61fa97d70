import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import zhCN from 'antd/locale/zh_CN';
import { Navigate, Route, Routes } from 'react-router';
import { homePath } from './auth/home-path';
import { RequireRole } from './auth/require-role';
import { SessionProvider, useSession } from './auth/session-context';
import { ConsoleLayout } from './layout/console-layout';
import { CalendarPage } from './pages/admin/calendar-page';
import { ClockPoliciesPage } from './pages/admin/clock-policies-page';
import { HotlineKeysPage } from './pages/admin/hotline-keys-page';
import { NetworkPage } from './pages/admin/network-page';
import { UsersPage } from './pages/admin/users-page';
import { CaseDetailPage } from './pages/cases/case-detail-page';
import { CaseSearchPage } from './pages/cases/case-search-page';
import { HotlineImportPage } from './pages/intake/hotline-import-page';
import { RegisterCasePage } from './pages/intake/register-case-page';
import { TriagePage } from './pages/intake/triage-page';
import { LoginPage } from './pages/login-page';
import { MyCasesPage } from './pages/mediator/my-cases-page';
import { MyOffersPage } from './pages/mediator/my-offers-page';
import { NotificationsPage } from './pages/notifications-page';
import { DeadlinesPage } from './pages/supervisor/deadlines-page';
import { SupervisionOrdersPage } from './pages/supervisor/supervision-orders-page';
import { UnassignedPage } from './pages/supervisor/unassigned-page';

// ECharts is most of the bundle and only the dashboard needs it: a chunk of its own.
const DashboardPage = lazy(() =>
  import('./pages/supervisor/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homePath(session.user.roles) : '/login'} replace />;
}

const guard = (roles: Parameters<typeof RequireRole>[0]['roles'], page: React.ReactNode) => (
  <RequireRole roles={roles}>{page}</RequireRole>
);

/** The console: zh-CN Ant Design, the session, and the screens by role. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fa8' } }}>
      <AntApp>
        <SessionProvider>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={guard(undefined, <ConsoleLayout />)}>
              <Route index element={<Home />} />
              <Route path="offers" element={guard(['mediator', 'volunteer'], <MyOffersPage />)} />
              <Route path="my-cases" element={guard(['mediator', 'volunteer'], <MyCasesPage />)} />
              <Route path="cases" element={<CaseSearchPage />} />
              <Route path="cases/:id" element={<CaseDetailPage />} />
              <Route
                path="triage"
                element={guard(['intake', 'admin', 'supervisor'], <TriagePage />)}
              />
              <Route
                path="intake/register"
                element={guard(['intake', 'admin'], <RegisterCasePage />)}
              />
              <Route
                path="intake/import"
                element={guard(['intake', 'admin'], <HotlineImportPage />)}
              />
              <Route
                path="dashboard"
                element={guard(
                  ['supervisor', 'admin'],
                  <Suspense fallback={<Spin description="加载中…" />}>
                    <DashboardPage />
                  </Suspense>,
                )}
              />
              <Route
                path="supervision/deadlines"
                element={guard(['supervisor', 'admin'], <DeadlinesPage />)}
              />
              <Route
                path="supervision/unassigned"
                element={guard(['supervisor', 'admin'], <UnassignedPage />)}
              />
              <Route
                path="supervision/orders"
                element={guard(['supervisor', 'admin'], <SupervisionOrdersPage />)}
              />
              <Route path="admin/network" element={guard(['admin'], <NetworkPage />)} />
              <Route path="admin/users" element={guard(['admin'], <UsersPage />)} />
              <Route path="admin/hotline-keys" element={guard(['admin'], <HotlineKeysPage />)} />
              <Route path="admin/calendar" element={guard(['admin'], <CalendarPage />)} />
              <Route
                path="admin/clock-policies"
                element={guard(['admin'], <ClockPoliciesPage />)}
              />
              <Route path="notifications" element={<NotificationsPage />} />
              <Route path="*" element={<Result status="404" title="页面不存在" />} />
            </Route>
          </Routes>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
