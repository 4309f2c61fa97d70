import { Button, Card, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../labels';
import { CaseTable } from './case-table';

const options = (map: Record<string, string>) =>
  Object.entries(map).map(([value, label]) => ({ value, label }));

/** All cases in the user's reach, filtered by status, category and text. */
export function CaseSearchPage() {
  const [filter, setFilter] = useState({ status: '', category: '', q: '' });
  const [text, setText] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const cases = useRequest(
    () => api.cases({ ...filter, ...paging }),
    [filter.status, filter.category, filter.q, paging.page, paging.pageSize],
  );
  const set = (patch: Partial<typeof filter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <Card>
      <PageHeader title="案件查询" />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 150 }}
          options={options(STATUS_LABELS)}
          onChange={(v?: string) => set({ status: v ?? '' })}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 160 }}
          options={options(CATEGORY_LABELS)}
          onChange={(v?: string) => set({ category: v ?? '' })}
        />
        <Input.Search
          placeholder="案件编号、用人单位或标题"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => set({ q })}
          style={{ width: 260 }}
        />
        <Button onClick={cases.reload}>刷新</Button>
      </Space>
      <AsyncView {...cases}>
        {(page) => (
          <CaseTable
            page={page}
            withDeadlines
            onPage={(p, s) => setPaging({ page: p, pageSize: s })}
          />
        )}
      </AsyncView>
    </Card>
  );
}
