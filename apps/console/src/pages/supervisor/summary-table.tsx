import { Button, Segmented, Space, Table, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { SummaryGroupBy, SummaryRow } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { formatMoney, formatRate } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { periodQuery, type ReportPeriod } from './report-filters';

const GROUPS = [
  { value: 'org_unit', label: '按单位' },
  { value: 'mediator', label: '按调解员' },
  { value: 'category', label: '按类别' },
  { value: 'month', label: '按月' },
];

/** The figures by unit / mediator / category / month, with CSV and XLSX downloads. */
export function SummaryTable({ period }: { period: ReportPeriod }) {
  const [groupBy, setGroupBy] = useState<SummaryGroupBy>('org_unit');
  const query = { ...periodQuery(period), groupBy };
  const summary = useRequest(() => api.summary(query), [JSON.stringify(query)]);
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (kind: 'csv' | 'xlsx') => {
    setBusy(kind);
    try {
      await (kind === 'csv' ? api.summaryCsv(query) : api.summaryXlsx(query));
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          options={GROUPS}
          value={groupBy}
          onChange={(v) => setGroupBy(v as SummaryGroupBy)}
        />
        <Button loading={busy === 'csv'} onClick={() => download('csv')}>
          下载 CSV
        </Button>
        <Button
          loading={busy === 'xlsx'}
          onClick={() => download('xlsx')}
          data-testid="download-xlsx"
        >
          下载 Excel
        </Button>
      </Space>
      <AsyncView {...summary}>
        {(s) => (
          <Table<SummaryRow>
            rowKey="key"
            size="small"
            dataSource={s.rows}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: '该期间没有数据' }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{s.total.received}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{s.total.closed}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{s.total.settled}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>
                  {formatRate(s.total.settlementRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{formatRate(s.total.onTimeRate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6}>
                  {formatRate(s.total.satisfactionRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7}>
                  {formatMoney(s.total.amountClaimed)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8}>
                  {formatMoney(s.total.amountAgreed)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9}>{formatMoney(s.total.amountPaid)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              { title: '名称', dataIndex: 'label', fixed: 'left', width: 140 },
              { title: '受理', dataIndex: 'received' },
              { title: '办结', dataIndex: 'closed' },
              { title: '成功', dataIndex: 'settled' },
              { title: '成功率', dataIndex: 'settlementRate', render: formatRate },
              { title: '按时率', dataIndex: 'onTimeRate', render: formatRate },
              { title: '满意率', dataIndex: 'satisfactionRate', render: formatRate },
              { title: '诉求金额', dataIndex: 'amountClaimed', render: formatMoney },
              { title: '协议金额', dataIndex: 'amountAgreed', render: formatMoney },
              { title: '已履行', dataIndex: 'amountPaid', render: formatMoney },
            ]}
          />
        )}
      </AsyncView>
    </>
  );
}
