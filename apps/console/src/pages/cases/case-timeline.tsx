import { Timeline, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { TIMELINE_LABELS, label } from '../../labels';

/** What happened to the case, oldest first. */
export function CaseTimeline({ caseId, version }: { caseId: string; version: number }) {
  const timeline = useRequest(() => api.timeline(caseId), [caseId, version]);
  return (
    <AsyncView {...timeline} isEmpty={(d) => d.items.length === 0} emptyText="暂无记录">
      {(d) => (
        <Timeline
          items={d.items.map((item, i) => ({
            key: i,
            content: (
              <div>
                <Typography.Text strong>{label(TIMELINE_LABELS, item.type)}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · {formatTime(item.at)} · {item.actor}
                </Typography.Text>
                {summarize(item.data) && (
                  <div style={{ color: '#555', fontSize: 12 }}>{summarize(item.data)}</div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </AsyncView>
  );
}

const FIELD_LABELS: Record<string, string> = {
  reason: '原因',
  outcome: '结果',
  orgUnitName: '单位',
  mediatorName: '调解员',
  note: '备注',
  notes: '记录',
  mode: '方式',
  fileName: '文件',
};

function summarize(data: Record<string, unknown>): string {
  return Object.entries(data ?? {})
    .filter(([k, v]) => FIELD_LABELS[k] && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${FIELD_LABELS[k]}：${String(v)}`)
    .join('；');
}
