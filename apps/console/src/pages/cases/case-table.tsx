import { Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { CaseSummary, Page } from '../../api/types';
import { StatusTag } from '../../components/status-tag';
import { formatMoney, formatTime } from '../../format';
import { CATEGORY_LABELS, label } from '../../labels';
import { CaseDeadlinesCell } from './case-deadlines-cell';

/** A page of cases; optionally with each case's deadline badges. */
export function CaseTable({
  page,
  withDeadlines = false,
  onPage,
  extraColumn,
}: {
  page: Page<CaseSummary>;
  withDeadlines?: boolean;
  onPage?: (page: number, pageSize: number) => void;
  extraColumn?: { title: string; render: (c: CaseSummary) => React.ReactNode };
}) {
  return (
    <Table
      rowKey="id"
      size="middle"
      dataSource={page.items}
      scroll={{ x: 900 }}
      locale={{ emptyText: '暂无案件' }}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: page.total,
        showTotal: (t) => `共 ${t} 件`,
        onChange: onPage,
      }}
      columns={[
        {
          title: '案件编号',
          dataIndex: 'caseNo',
          fixed: 'left',
          render: (v: string, c) => (
            <Link to={`/cases/${c.id}`} data-testid="case-link">
              {v}
            </Link>
          ),
        },
        {
          title: '类别',
          dataIndex: 'category',
          render: (v: string, c) => (
            <Space size={4} wrap>
              {label(CATEGORY_LABELS, v)}
              {c.collective && <Tag color="red">集体</Tag>}
              {c.urgent && <Tag color="orange">紧急</Tag>}
            </Space>
          ),
        },
        { title: '用人单位', dataIndex: 'employerName', render: (v?: string | null) => v ?? '—' },
        {
          title: '状态',
          dataIndex: 'status',
          render: (v: string, c) => <StatusTag status={v} outcome={c.outcome} />,
        },
        ...(withDeadlines
          ? [
              {
                title: '期限',
                key: 'deadlines',
                render: (_: unknown, c: CaseSummary) =>
                  c.status === 'closed' || c.status === 'returned' ? (
                    <span style={{ color: '#999' }}>—</span>
                  ) : (
                    <CaseDeadlinesCell caseId={c.id} />
                  ),
              },
            ]
          : []),
        { title: '单位', dataIndex: 'orgUnitName' },
        { title: '诉求金额', dataIndex: 'amountClaimed', render: formatMoney },
        { title: '受理时间', dataIndex: 'receivedAt', render: formatTime },
        ...(extraColumn
          ? [
              {
                title: extraColumn.title,
                key: 'extra',
                render: (_: unknown, c: CaseSummary) => extraColumn.render(c),
              },
            ]
          : []),
      ]}
    />
  );
}
