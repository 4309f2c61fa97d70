import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session-context';
import { ROLE_LABELS } from '../labels';
import { MENU } from './role-menu';
import { NotificationBell } from './notification-bell';

/** Header, a menu of the screens the user's roles allow, and the page. */
export function ConsoleLayout() {
  const { session, logout, is } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = MENU.filter((e) => is(...e.roles));
  const groups = [...new Set(entries.map((e) => e.group))];
  const selected = entries
    .filter((e) => location.pathname.startsWith(e.path))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 16px',
          background: '#1f3a5f',
        }}
      >
        <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          和气 · 劳动争议调解
        </Typography.Text>
        <Space>
          <NotificationBell />
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {session?.user.displayName ?? session?.user.username}（
            {session?.user.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}）
          </Typography.Text>
          <Button size="small" onClick={logout} data-testid="logout">
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={188} breakpoint="md" collapsedWidth={0} theme="light">
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => navigate(key)}
            items={groups.map((g) => ({
              type: 'group' as const,
              key: g,
              label: g,
              children: entries
                .filter((e) => e.group === g)
                .map((e) => ({ key: e.path, label: e.label })),
            }))}
            style={{ height: '100%' }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
