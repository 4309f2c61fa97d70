import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from './session-context';

/** Shows `children` to signed-in users with one of `roles`; others see login or a 403 page. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { session, is } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !is(...roles)) {
    return <Result status="403" title="无权访问" subTitle="您的账号没有查看此页面的权限。" />;
  }
  return <>{children}</>;
}
