import { Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { useSession } from '../../auth/session-context';
import { AsyncView } from '../../components/async-view';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { CaseTable } from '../cases/case-table';
import { AtRiskCases } from './at-risk-cases';
import { DeadlineCountsTable } from './deadline-counts-table';
import { PendingExtensions } from './pending-extensions';

/** Overdue and at-risk cases of the subtree, the open clocks by state, pending extensions. */
export function DeadlinesPage() {
  const { session } = useSession();
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const report = useRequest(() => api.deadlineReport(orgUnitId), [orgUnitId]);
  const overdue = useRequest(
    () => api.cases({ overdue: true, orgUnitId, ...paging }),
    [orgUnitId, paging.page, paging.pageSize],
  );
  return (
    <Card>
      <PageHeader
        title="超时与预警"
        extra={
          <>
            <div style={{ width: 240 }}>
              <OrgUnitTreeSelect
                rootId={session?.user.orgUnitId ?? null}
                value={orgUnitId}
                onChange={setOrgUnitId}
                placeholder="全部管辖单位"
              />
            </div>
            <Button
              onClick={() => {
                report.reload();
                overdue.reload();
              }}
            >
              刷新
            </Button>
          </>
        }
      />
      <AsyncView {...report}>{(r) => <DeadlineCountsTable report={r} />}</AsyncView>
      <Tabs
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'overdue',
            label: '已超时案件',
            children: (
              <AsyncView {...overdue} isEmpty={(d) => d.total === 0} emptyText="没有超时案件">
                {(page) => (
                  <CaseTable
                    page={page}
                    withDeadlines
                    onPage={(p, s) => setPaging({ page: p, pageSize: s })}
                  />
                )}
              </AsyncView>
            ),
          },
          { key: 'risk', label: '预警案件', children: <AtRiskCases orgUnitId={orgUnitId} /> },
          {
            key: 'extensions',
            label: '待审批延期',
            children: <PendingExtensions />,
          },
        ]}
      />
    </Card>
  );
}
