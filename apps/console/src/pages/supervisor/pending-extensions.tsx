import { Button, Space, Table, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { Extension } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { ReasonModal } from '../../components/reason-modal';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { CLOCK_KIND_LABELS, label } from '../../labels';

type PendingRow = Extension & { caseNo: string };

/** Pending extension requests of the caller's subtree, oldest first (the order to decide in). */
async function loadPending(): Promise<PendingRow[]> {
  return (await api.extensionList({ state: 'pending', pageSize: 200 })).items;
}

export function PendingExtensions() {
  const pending = useRequest(() => loadPending(), []);
  const [rejecting, setRejecting] = useState<PendingRow | null>(null);

  const approve = async (row: PendingRow) => {
    try {
      await api.approveExtension(row.id);
      void message.success(`已批准 ${row.caseNo} 延期 ${row.days} 天`);
      pending.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <>
      <AsyncView {...pending} isEmpty={(d) => d.length === 0} emptyText="没有待审批的延期申请">
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 10 }}
            columns={[
              {
                title: '案件编号',
                dataIndex: 'caseNo',
                render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
              },
              {
                title: '期限',
                dataIndex: 'deadline',
                render: (v: string) => label(CLOCK_KIND_LABELS, v),
              },
              { title: '天数', dataIndex: 'days' },
              { title: '理由', dataIndex: 'reason' },
              { title: '申请时间', dataIndex: 'requestedAt', render: formatTime },
              {
                title: '审批',
                key: 'decide',
                fixed: 'right',
                render: (_: unknown, r: PendingRow) => (
                  <Space>
                    <Button size="small" type="primary" onClick={() => approve(r)}>
                      批准
                    </Button>
                    <Button size="small" danger onClick={() => setRejecting(r)}>
                      驳回
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
      <ReasonModal
        open={!!rejecting}
        title={`驳回 ${rejecting?.caseNo ?? ''} 的延期申请`}
        label="驳回原因"
        okText="驳回"
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await api.rejectExtension(rejecting!.id, reason);
          pending.reload();
        }}
      />
    </>
  );
}
