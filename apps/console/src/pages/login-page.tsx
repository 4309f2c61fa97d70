import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/api-error';
import { homePath } from '../auth/home-path';
import { useSession } from '../auth/session-context';

/** Sign-in; shows why the user is here when the session expired. */
export function LoginPage() {
  const { session, notice, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { message?: string; from?: string } | null;
  const message = state?.message ?? notice;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={homePath(session.user.roles)} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await login(values.username.trim(), values.password);
      navigate(state?.from && state.from !== '/login' ? state.from : homePath(s.user.roles), {
        replace: true,
      });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? '用户名或密码错误'
          : err instanceof ApiError && err.status === 429
            ? '尝试次数过多，请稍后再试'
            : describeError(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
        padding: 16,
      }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          和气
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          劳动争议调解案件管理
        </Typography.Paragraph>
        {message && !error && (
          <Alert
            type="warning"
            showIcon
            title={message}
            style={{ marginBottom: 16 }}
            data-testid="login-notice"
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label="密码"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
