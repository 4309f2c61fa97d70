import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { usePolling, useRequest } from '../hooks/use-request';

/** Unread notifications (deadline warnings, breaches); opens the list. */
export function NotificationBell() {
  const navigate = useNavigate();
  const { data, reload } = useRequest(() => api.notifications({ unread: true, pageSize: 1 }), []);
  usePolling(reload, 60_000);
  return (
    <Badge count={data?.unread ?? 0} size="small">
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label="通知"
        onClick={() => navigate('/notifications')}
      />
    </Badge>
  );
}
