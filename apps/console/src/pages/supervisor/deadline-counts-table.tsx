import { Table, Tag } from 'antd';
import type { DeadlineReport } from '../../api/types';
import { CLOCK_KIND_LABELS, label } from '../../labels';

/** Open clocks of the subtree by kind and state. */
export function DeadlineCountsTable({ report }: { report: DeadlineReport }) {
  return (
    <Table
      rowKey="kind"
      size="small"
      pagination={false}
      dataSource={[...report.rows, { ...report.total, kind: 'total' }]}
      scroll={{ x: 600 }}
      columns={[
        {
          title: '期限',
          dataIndex: 'kind',
          render: (v: string) => (v === 'total' ? '合计' : label(CLOCK_KIND_LABELS, v)),
        },
        { title: '进行中', dataIndex: 'running' },
        {
          title: '预警',
          dataIndex: 'warned',
          render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0),
        },
        {
          title: '超时',
          dataIndex: 'breached',
          render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0),
        },
        { title: '暂停', dataIndex: 'paused' },
        { title: '合计', dataIndex: 'open' },
      ]}
    />
  );
}
