import { Button, Card, Progress, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/endpoints';
import type { UnassignedCase } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { CATEGORY_LABELS, MEDIATOR_KIND_LABELS, label } from '../../labels';
import { ReassignModal } from '../cases/reassign-modal';

const REASONS: Record<string, string> = {
  at_capacity: '已满负荷',
  unavailable: '不在岗',
  inactive: '已停用',
  no_skill: '不擅长该类别',
  declined: '曾拒绝',
  conflict: '需回避',
  level: '层级不符',
};

const waiting = (s: number) =>
  s < 3600
    ? `${Math.ceil(s / 60)} 分钟`
    : s < 86400
      ? `${(s / 3600).toFixed(1)} 小时`
      : `${(s / 86400).toFixed(1)} 天`;

/** Cases waiting for a mediator (and why), mediators' load, and reassigning. */
export function UnassignedPage() {
  const unassigned = useRequest(() => api.unassigned({ pageSize: 100 }), []);
  const load = useRequest(() => api.load({ pageSize: 200 }), []);
  const [reassigning, setReassigning] = useState<UnassignedCase | null>(null);

  return (
    <Card>
      <PageHeader
        title="待派案件与负荷"
        extra={
          <Button
            onClick={() => {
              unassigned.reload();
              load.reload();
            }}
          >
            刷新
          </Button>
        }
      />
      <Tabs
        items={[
          {
            key: 'unassigned',
            label: `待派案件${unassigned.data ? `（${unassigned.data.total}）` : ''}`,
            children: (
              <AsyncView
                {...unassigned}
                isEmpty={(d) => d.total === 0}
                emptyText="没有等待派案的案件"
              >
                {(d) => (
                  <Table
                    rowKey="caseId"
                    size="small"
                    dataSource={d.items}
                    scroll={{ x: 860 }}
                    columns={[
                      {
                        title: '案件编号',
                        dataIndex: 'caseNo',
                        render: (v: string, c) => <Link to={`/cases/${c.caseId}`}>{v}</Link>,
                      },
                      {
                        title: '类别',
                        dataIndex: 'category',
                        render: (v: string, c) => (
                          <>
                            {label(CATEGORY_LABELS, v)}
                            {c.collective && <Tag color="red">集体</Tag>}
                          </>
                        ),
                      },
                      { title: '单位', dataIndex: 'orgUnitName' },
                      { title: '受理', dataIndex: 'receivedAt', render: formatTime },
                      { title: '已等待', dataIndex: 'waitingSeconds', render: waiting },
                      {
                        title: '无人可派原因',
                        dataIndex: 'noCandidate',
                        render: (v: UnassignedCase['noCandidate']) =>
                          v
                            ? Object.entries(v.reasons).map(([k, n]) => (
                                <Tag key={k}>
                                  {REASONS[k] ?? k} {n}
                                </Tag>
                              ))
                            : '派案中',
                      },
                      {
                        title: '操作',
                        key: 'a',
                        render: (_: unknown, c: UnassignedCase) => (
                          <Button size="small" onClick={() => setReassigning(c)}>
                            指派
                          </Button>
                        ),
                      },
                    ]}
                  />
                )}
              </AsyncView>
            ),
          },
          {
            key: 'load',
            label: '调解员负荷',
            children: (
              <AsyncView {...load} isEmpty={(d) => d.total === 0} emptyText="没有调解员">
                {(d) => (
                  <Table
                    rowKey="mediatorId"
                    size="small"
                    dataSource={d.items}
                    scroll={{ x: 760 }}
                    columns={[
                      { title: '调解员', dataIndex: 'name' },
                      {
                        title: '类型',
                        dataIndex: 'kind',
                        render: (v: string) => label(MEDIATOR_KIND_LABELS, v),
                      },
                      { title: '单位', dataIndex: 'orgUnitName' },
                      { title: '待接受', dataIndex: 'openOffers' },
                      { title: '在办', dataIndex: 'held' },
                      {
                        title: '负荷',
                        key: 'ratio',
                        render: (_: unknown, m) => (
                          <Progress
                            percent={Math.round((m.loadRatio ?? 0) * 100)}
                            size="small"
                            status={(m.loadRatio ?? 0) >= 1 ? 'exception' : 'normal'}
                            format={() => `${m.load}/${m.capacity}`}
                          />
                        ),
                      },
                      {
                        title: '状态',
                        key: 's',
                        render: (_: unknown, m) =>
                          !m.active ? (
                            <Tag>停用</Tag>
                          ) : m.unavailableUntil && new Date(m.unavailableUntil) > new Date() ? (
                            <Tag color="orange">休假至 {formatTime(m.unavailableUntil)}</Tag>
                          ) : (
                            <Tag color="green">在岗</Tag>
                          ),
                      },
                    ]}
                  />
                )}
              </AsyncView>
            ),
          },
        ]}
      />
      {reassigning && (
        <ReassignModal
          caseId={reassigning.caseId}
          caseNo={reassigning.caseNo}
          open
          onClose={() => setReassigning(null)}
          onDone={() => {
            unassigned.reload();
            load.reload();
          }}
        />
      )}
    </Card>
  );
}
