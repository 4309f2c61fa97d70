import { Button, Card, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { Offer } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { Countdown } from '../../components/countdown';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { formatTime } from '../../format';
import { usePolling, useRequest } from '../../hooks/use-request';
import { CATEGORY_LABELS, label } from '../../labels';

/** Offers waiting for this mediator: accept, or decline with a reason, before they expire. */
export function MyOffersPage() {
  const offers = useRequest(() => api.myOffers(), []);
  // Offers arrive from the worker and expire on their own: keep the inbox current.
  usePolling(offers.reload, 30_000);
  const navigate = useNavigate();
  const [declining, setDeclining] = useState<Offer | null>(null);
  const [accepting, setAccepting] = useState<string | null>(null);

  const accept = async (offer: Offer) => {
    setAccepting(offer.caseId);
    try {
      await api.accept(offer.caseId);
      void message.success(`已接受 ${offer.caseNo}`);
      navigate(`/cases/${offer.caseId}`);
    } catch (err) {
      void message.error(describeError(err));
      offers.reload();
    } finally {
      setAccepting(null);
    }
  };

  return (
    <Card>
      <PageHeader title="待接受派案" extra={<Button onClick={offers.reload}>刷新</Button>} />
      <AsyncView {...offers} isEmpty={(d) => d.items.length === 0} emptyText="暂无待接受的派案">
        {(d) => (
          <Table
            rowKey="caseId"
            size="middle"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: 760 }}
            columns={[
              {
                title: '案件编号',
                dataIndex: 'caseNo',
                render: (v: string, o) => <Link to={`/cases/${o.caseId}`}>{v}</Link>,
              },
              {
                title: '类别',
                dataIndex: 'category',
                render: (v: string, o) => (
                  <Space size={4} wrap>
                    {label(CATEGORY_LABELS, v)}
                    {o.collective && <Tag color="red">集体</Tag>}
                    {o.urgent && <Tag color="orange">紧急</Tag>}
                    {o.role === 'co' && <Tag>协同调解</Tag>}
                  </Space>
                ),
              },
              { title: '单位', dataIndex: 'orgUnitName' },
              { title: '派案时间', dataIndex: 'offeredAt', render: formatTime },
              {
                title: '接受时限',
                dataIndex: 'expiresAt',
                render: (v: string) => <Countdown until={v} />,
              },
              {
                title: '操作',
                key: 'actions',
                fixed: 'right',
                render: (_: unknown, o: Offer) => (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      loading={accepting === o.caseId}
                      onClick={() => accept(o)}
                      data-testid={`accept-${o.caseNo}`}
                    >
                      接受
                    </Button>
                    <Button size="small" danger onClick={() => setDeclining(o)}>
                      拒绝
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
      <ReasonModal
        open={!!declining}
        title={`拒绝派案 ${declining?.caseNo ?? ''}`}
        label="拒绝原因"
        placeholder="例如：与申请人是亲属关系，需回避"
        okText="拒绝"
        onClose={() => setDeclining(null)}
        onSubmit={async (reason) => {
          await api.decline(declining!.caseId, reason);
          void message.success('已拒绝，案件将派给其他调解员');
          offers.reload();
        }}
      />
    </Card>
  );
}
