import { Button, Card, Segmented } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { CaseTable } from '../cases/case-table';

const FILTERS = [
  { label: '在办', value: 'in_mediation' },
  { label: '已办结', value: 'closed' },
  { label: '全部', value: '' },
];

/** The cases this mediator holds, with their deadline badges. */
export function MyCasesPage() {
  const [status, setStatus] = useState('in_mediation');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const cases = useRequest(
    () => api.cases({ status, ...paging }),
    [status, paging.page, paging.pageSize],
  );
  return (
    <Card>
      <PageHeader
        title="我的案件"
        extra={
          <>
            <Segmented
              options={FILTERS}
              value={status}
              onChange={(v) => {
                setStatus(String(v));
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
            <Button onClick={cases.reload}>刷新</Button>
          </>
        }
      />
      <AsyncView {...cases}>
        {(page) => (
          <CaseTable
            page={page}
            withDeadlines={status !== 'closed'}
            onPage={(p, s) => setPaging({ page: p, pageSize: s })}
          />
        )}
      </AsyncView>
    </Card>
  );
}
