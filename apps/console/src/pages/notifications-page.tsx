import { Button, Card, List, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/endpoints';
import { AsyncView } from '../components/async-view';
import { PageHeader } from '../components/page-header';
import { formatTime } from '../format';
import { useRequest } from '../hooks/use-request';

/** Deadline warnings and breaches sent to the user. */
export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const list = useRequest(() => api.notifications({ page, pageSize: 20 }), [page]);
  return (
    <Card>
      <PageHeader title="通知" extra={<Button onClick={list.reload}>刷新</Button>} />
      <AsyncView {...list} isEmpty={(d) => d.total === 0} emptyText="暂无通知">
        {(d) => (
          <List
            dataSource={d.items}
            pagination={{
              current: d.page,
              pageSize: d.pageSize,
              total: d.total,
              onChange: setPage,
            }}
            renderItem={(n) => (
              <List.Item
                actions={[
                  !n.readAt && (
                    <Button
                      key="read"
                      size="small"
                      onClick={async () => {
                        await api.readNotification(n.id);
                        list.reload();
                      }}
                    >
                      标为已读
                    </Button>
                  ),
                  n.caseId && (
                    <Link key="case" to={`/cases/${n.caseId}`}>
                      查看案件
                    </Link>
                  ),
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <>
                      {!n.readAt && <Tag color="red">未读</Tag>}
                      {n.title}
                    </>
                  }
                  description={`${formatTime(n.createdAt)} · ${n.body}`}
                />
              </List.Item>
            )}
          />
        )}
      </AsyncView>
    </Card>
  );
}
