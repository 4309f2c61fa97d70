import { Table } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { DeadlineBadges } from '../../components/deadline-badge';
import { useRequest } from '../../hooks/use-request';

/** Cases with a warned, not yet breached clock (the list filter), with their clocks for badges. */
async function loadAtRisk(orgUnitId?: string): Promise<CaseDetail[]> {
  const page = await api.cases({ atRisk: true, orgUnitId, pageSize: 100 });
  const details = await Promise.all(page.items.map((c) => api.case(c.id).catch(() => null)));
  return details.filter((d): d is CaseDetail => d !== null);
}

export function AtRiskCases({ orgUnitId }: { orgUnitId?: string }) {
  const atRisk = useRequest(() => loadAtRisk(orgUnitId), [orgUnitId]);
  return (
    <AsyncView {...atRisk} isEmpty={(d) => d.length === 0} emptyText="没有预警中的案件">
      {(rows) => (
        <Table
          rowKey="id"
          size="small"
          dataSource={rows}
          scroll={{ x: 700 }}
          pagination={{ pageSize: 10 }}
          columns={[
            {
              title: '案件编号',
              dataIndex: 'caseNo',
              render: (v: string, c) => <Link to={`/cases/${c.id}`}>{v}</Link>,
            },
            { title: '单位', dataIndex: 'orgUnitName' },
            {
              title: '期限',
              key: 'd',
              render: (_: unknown, c: CaseDetail) => <DeadlineBadges deadlines={c.deadlines} />,
            },
          ]}
        />
      )}
    </AsyncView>
  );
}
