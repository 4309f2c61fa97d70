import { Card, InputNumber, Switch, Table, message } from 'antd';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { ClockPolicy } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { CATEGORY_LABELS, CHANNEL_LABELS, CLOCK_KIND_LABELS, label } from '../../labels';

const UNITS: Record<string, string> = {
  minutes: '分钟',
  working_hours: '工作小时',
  working_days: '工作日',
  calendar_days: '自然日',
  calendar_months: '个月',
  hours: '小时',
  days: '天',
  months: '个月',
};

/** Deadline policies (时限规则): budget, warning point, extension cap, on/off. */
export function ClockPoliciesPage() {
  const policies = useRequest(() => api.clockPolicies(), []);
  const update = async (id: string, patch: Record<string, unknown>) => {
    try {
      await api.updateClockPolicy(id, patch);
      void message.success('已保存');
      policies.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };
  return (
    <Card>
      <PageHeader title="期限规则" />
      <AsyncView {...policies} isEmpty={(d) => d.items.length === 0} emptyText="暂无期限规则">
        {(d) => (
          <Table<ClockPolicy>
            rowKey="id"
            size="small"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: 960 }}
            columns={[
              {
                title: '期限',
                dataIndex: 'kind',
                render: (v: string) => label(CLOCK_KIND_LABELS, v),
              },
              {
                title: '渠道',
                dataIndex: 'channel',
                render: (v: string | null) => (v ? label(CHANNEL_LABELS, v) : '任意'),
              },
              {
                title: '类别',
                dataIndex: 'category',
                render: (v: string | null) => (v ? label(CATEGORY_LABELS, v) : '任意'),
              },
              {
                title: '集体',
                dataIndex: 'collective',
                render: (v: boolean | null) => (v === null ? '任意' : v ? '是' : '否'),
              },
              {
                title: '时限',
                key: 'budget',
                render: (_: unknown, p) =>
                  p.budgetValue === null ? (
                    '按协议'
                  ) : (
                    <InputNumber
                      size="small"
                      min={0.001}
                      defaultValue={p.budgetValue}
                      addonAfter={label(UNITS, p.budgetUnit)}
                      style={{ width: 150 }}
                      onBlur={(e) => {
                        const n = Number(e.target.value);
                        if (n && n !== p.budgetValue)
                          void update(p.id, { budgetValue: n, budgetUnit: p.budgetUnit });
                      }}
                    />
                  ),
              },
              {
                title: '预警点',
                dataIndex: 'warnShare',
                render: (v: number) => `${Math.round(v * 100)}%`,
              },
              { title: '可延期（天）', dataIndex: 'maxExtensionDays' },
              { title: '依据', dataIndex: 'basis', render: (v: string | null) => v ?? '—' },
              {
                title: '启用',
                dataIndex: 'active',
                render: (v: boolean, p) => (
                  <Switch
                    size="small"
                    checked={v}
                    onChange={(on) => update(p.id, { active: on })}
                  />
                ),
              },
            ]}
          />
        )}
      </AsyncView>
    </Card>
  );
}
