import { Button, Space, Table, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseSummary, Extension } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { ReasonModal } from '../../components/reason-modal';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { CLOCK_KIND_LABELS, label } from '../../labels';

type PendingRow = Extension & { caseNo: string; orgUnitName: string };

/** Pending extension requests of the open cases in the subtree (the API lists them per case). */
async function loadPending(orgUnitId?: string): Promise<PendingRow[]> {
  const page = await api.cases({ status: 'in_mediation', orgUnitId, pageSize: 200 });
  const lists = await Promise.all(
    page.items.map(async (c: CaseSummary) =>
      (await api.extensions(c.id).catch(() => ({ items: [] as Extension[] }))).items
        .filter((e) => e.state === 'pending')
        .map((e) => ({ ...e, caseNo: c.caseNo, orgUnitName: c.orgUnitName })),
    ),
  );
  return lists.flat().sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

export function PendingExtensions({ orgUnitId }: { orgUnitId?: string }) {
  const pending = useRequest(() => loadPending(orgUnitId), [orgUnitId]);
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
              { title: '单位', dataIndex: 'orgUnitName' },
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
