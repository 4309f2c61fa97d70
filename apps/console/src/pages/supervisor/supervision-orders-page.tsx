import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import type { SupervisionOrder } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { CLOCK_KIND_LABELS, label } from '../../labels';

/** 督办: breached deadlines escalated to the supervisors, open or closed with a note. */
export function SupervisionOrdersPage() {
  const { is } = useSession();
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const orders = useRequest(
    () => api.supervisionOrders({ state, ...paging }),
    [state, paging.page, paging.pageSize],
  );
  const [closing, setClosing] = useState<SupervisionOrder | null>(null);
  return (
    <Card>
      <PageHeader
        title="督办"
        extra={
          <>
            <Segmented
              options={[
                { value: 'open', label: '未办结' },
                { value: 'closed', label: '已办结' },
              ]}
              value={state}
              onChange={(v) => {
                setState(v as 'open' | 'closed');
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
            <Button onClick={orders.reload}>刷新</Button>
          </>
        }
      />
      <AsyncView
        {...orders}
        isEmpty={(d) => d.total === 0}
        emptyText={state === 'open' ? '没有待办的督办' : '没有已办结的督办'}
      >
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={d.items}
            scroll={{ x: 820 }}
            pagination={{
              current: d.page,
              pageSize: d.pageSize,
              total: d.total,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            columns={[
              {
                title: '案件编号',
                dataIndex: 'caseNo',
                render: (v: string, o) => <Link to={`/cases/${o.caseId}`}>{v}</Link>,
              },
              {
                title: '超时期限',
                dataIndex: 'kind',
                render: (v: string) => <Tag color="red">{label(CLOCK_KIND_LABELS, v)}</Tag>,
              },
              { title: '原到期', dataIndex: 'dueAt', render: formatTime },
              { title: '单位', dataIndex: 'orgUnitName' },
              { title: '督办时间', dataIndex: 'createdAt', render: formatTime },
              { title: '办结说明', dataIndex: 'closeNote', render: (v: string | null) => v ?? '—' },
              {
                title: '操作',
                key: 'a',
                render: (_: unknown, o: SupervisionOrder) =>
                  o.state === 'open' && is('supervisor') ? (
                    <Button size="small" onClick={() => setClosing(o)}>
                      办结督办
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </AsyncView>
      <ReasonModal
        open={!!closing}
        title={`办结督办 ${closing?.caseNo ?? ''}`}
        label="办结说明"
        placeholder="例如：已约谈承办人，案件当日办结"
        onClose={() => setClosing(null)}
        onSubmit={async (note) => {
          await api.closeSupervisionOrder(closing!.id, note);
          orders.reload();
        }}
      />
    </Card>
  );
}
