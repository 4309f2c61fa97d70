import { Button, Card, Col, Row, Switch, Table, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { CATEGORY_LABELS, MEDIATOR_KIND_LABELS, label } from '../../labels';
import { FileImportCard } from '../intake/file-import-card';
import { CreateMediatorModal } from './create-mediator-modal';
import { CreateUnitModal } from './create-unit-modal';
import { NetworkTree } from './network-tree';

/** The mediation network: units as a tree, their mediators, and the CSV/XLSX import. */
export function NetworkPage() {
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [dialog, setDialog] = useState<'unit' | 'mediator' | null>(null);
  const mediators = useRequest(
    () => api.mediators({ orgUnitId: selected, pageSize: 200 }),
    [selected, version],
  );
  const bump = () => setVersion((v) => v + 1);

  const toggle = async (id: string, active: boolean) => {
    try {
      await api.updateMediator(id, { active });
      mediators.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <Card>
      <PageHeader
        title="调解网络"
        extra={
          <>
            <Button onClick={() => setDialog('unit')}>新增单位</Button>
            <Button onClick={() => setDialog('mediator')}>新增调解员</Button>
          </>
        }
      />
      <Tabs
        items={[
          {
            key: 'tree',
            label: '单位与调解员',
            children: (
              <Row gutter={16}>
                <Col xs={24} md={9}>
                  <NetworkTree version={version} onSelect={setSelected} />
                </Col>
                <Col xs={24} md={15}>
                  <AsyncView
                    {...mediators}
                    isEmpty={(d) => d.total === 0}
                    emptyText="该单位下没有调解员"
                  >
                    {(d) => (
                      <Table
                        rowKey="id"
                        size="small"
                        dataSource={d.items}
                        scroll={{ x: 640 }}
                        columns={[
                          { title: '姓名', dataIndex: 'name' },
                          {
                            title: '类型',
                            dataIndex: 'kind',
                            render: (v: string, m) =>
                              `${label(MEDIATOR_KIND_LABELS, v)}${m.lawFirm ? `（${m.lawFirm}）` : ''}`,
                          },
                          { title: '单位', dataIndex: 'orgUnitName' },
                          { title: '电话', dataIndex: 'phoneMasked' },
                          {
                            title: '擅长',
                            dataIndex: 'skills',
                            render: (v: string[]) =>
                              v.map((s) => <Tag key={s}>{label(CATEGORY_LABELS, s)}</Tag>),
                          },
                          { title: '容量', dataIndex: 'capacity' },
                          {
                            title: '在用',
                            dataIndex: 'active',
                            render: (v: boolean, m) => (
                              <Switch
                                size="small"
                                checked={v}
                                onChange={(on) => toggle(m.id, on)}
                              />
                            ),
                          },
                        ]}
                      />
                    )}
                  </AsyncView>
                </Col>
              </Row>
            ),
          },
          {
            key: 'import',
            label: '批量导入',
            children: (
              <FileImportCard
                hint="CSV 或 XLSX：单位和调解员；已存在的行会跳过。"
                upload={async (file) => {
                  const r = await api.importNetwork(file);
                  bump();
                  return r;
                }}
                renderReport={(r) => (
                  <>
                    <p>
                      读取 {r.rows} 行；新建单位 {r.created.units} 个、调解员 {r.created.mediators}{' '}
                      名；跳过 {r.skipped.length} 行；拒绝 {r.rejected.length} 行。
                    </p>
                    <Table
                      size="small"
                      rowKey={(x) => `${x.sheet ?? ''}-${x.row}`}
                      dataSource={r.rejected}
                      locale={{ emptyText: '没有被拒绝的行' }}
                      columns={[
                        { title: '工作表', dataIndex: 'sheet', render: (v?: string) => v ?? '—' },
                        { title: '行号', dataIndex: 'row' },
                        { title: '原因', dataIndex: 'reason' },
                      ]}
                    />
                  </>
                )}
              />
            ),
          },
        ]}
      />
      <CreateUnitModal
        open={dialog === 'unit'}
        parentId={selected}
        onClose={() => setDialog(null)}
        onCreated={bump}
      />
      <CreateMediatorModal
        open={dialog === 'mediator'}
        orgUnitId={selected}
        onClose={() => setDialog(null)}
        onCreated={bump}
      />
    </Card>
  );
}
