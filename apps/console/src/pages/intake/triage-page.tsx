import { Button, Card, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { CaseSummary } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { useRequest } from '../../hooks/use-request';
import { CaseTable } from '../cases/case-table';
import { RouteCaseModal } from '../cases/route-case-modal';

/** Orders that routing could not place: place them on a unit, or return them (退单). */
export function TriagePage() {
  const { is } = useSession();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const queue = useRequest(
    () => api.cases({ status: 'triage', ...paging }),
    [paging.page, paging.pageSize],
  );
  const [routing, setRouting] = useState<CaseSummary | null>(null);
  const [returning, setReturning] = useState<CaseSummary | null>(null);

  return (
    <Card>
      <PageHeader title="待分派工单" extra={<Button onClick={queue.reload}>刷新</Button>} />
      <AsyncView {...queue} isEmpty={(d) => d.total === 0} emptyText="没有待分派的工单">
        {(page) => (
          <CaseTable
            page={page}
            withDeadlines
            onPage={(p, s) => setPaging({ page: p, pageSize: s })}
            extraColumn={{
              title: '操作',
              render: (c) => (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setRouting(c)}
                    data-testid={`route-${c.caseNo}`}
                  >
                    分派
                  </Button>
                  {c.channel === 'hotline' && is('intake', 'admin') && (
                    <Button size="small" danger onClick={() => setReturning(c)}>
                      退单
                    </Button>
                  )}
                </Space>
              ),
            }}
          />
        )}
      </AsyncView>
      {routing && (
        <RouteCaseModal
          caseId={routing.id}
          caseNo={routing.caseNo}
          open
          onClose={() => setRouting(null)}
          onRouted={queue.reload}
        />
      )}
      <ReasonModal
        open={!!returning}
        title={`退单 ${returning?.caseNo ?? ''}`}
        label="退单原因"
        placeholder="例如：不属于劳动争议，建议转市场监管部门"
        okText="退单"
        onClose={() => setReturning(null)}
        onSubmit={async (reason) => {
          await api.returnCase(returning!.id, reason);
          queue.reload();
        }}
      />
    </Card>
  );
}
