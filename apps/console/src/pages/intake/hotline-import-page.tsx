import { Card, Statistic, Table, Space } from 'antd';
import { api } from '../../api/endpoints';
import { PageHeader } from '../../components/page-header';
import { FileImportCard } from './file-import-card';

/** Imports a 12345 platform export and shows what happened to each row. */
export function HotlineImportPage() {
  return (
    <Card>
      <PageHeader title="导入 12345 工单" />
      <FileImportCard
        hint="必需列：工单编号、标题、诉求内容；其他列可选。已导入过的工单不会重复建案。"
        upload={api.importHotline}
        renderReport={(r) => (
          <div data-testid="import-report">
            <Space size="large" wrap>
              <Statistic title="数据行" value={r.total} />
              <Statistic title="新建案件" value={r.created} />
              <Statistic title="重复工单" value={r.duplicates} />
              <Statistic title="未导入" value={r.rejected.length} />
            </Space>
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(x) => `${x.row}`}
              dataSource={r.rejected}
              pagination={{ pageSize: 20 }}
              locale={{ emptyText: '所有行均已导入' }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '工单编号', dataIndex: 'orderNo', render: (v?: string) => v ?? '—' },
                { title: '原因', dataIndex: 'reason' },
              ]}
            />
          </div>
        )}
      />
    </Card>
  );
}
