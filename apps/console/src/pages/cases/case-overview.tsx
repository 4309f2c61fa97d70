import { Descriptions, Space, Tag } from 'antd';
import type { CaseDetail } from '../../api/types';
import { DeadlineBadges } from '../../components/deadline-badge';
import { StatusTag } from '../../components/status-tag';
import { formatMoney, formatTime } from '../../format';
import { CATEGORY_LABELS, CHANNEL_LABELS, MEDIATOR_KIND_LABELS, label } from '../../labels';

/** The case's header facts. */
export function CaseOverview({ detail }: { detail: CaseDetail }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
      items={[
        {
          key: 'status',
          label: '状态',
          children: <StatusTag status={detail.status} outcome={detail.outcome} />,
        },
        {
          key: 'category',
          label: '类别',
          children: (
            <Space size={4} wrap>
              {label(CATEGORY_LABELS, detail.category)}
              {detail.collective && <Tag color="red">集体劳动争议</Tag>}
              {detail.urgent && <Tag color="orange">紧急</Tag>}
            </Space>
          ),
        },
        { key: 'channel', label: '受理渠道', children: label(CHANNEL_LABELS, detail.channel) },
        { key: 'unit', label: '承办单位', children: detail.orgUnitName },
        {
          key: 'mediator',
          label: '调解员',
          children: (
            <>
              {detail.mediatorName ?? '—'}
              {detail.coMediators.length > 0 && (
                <div data-testid="co-mediators">
                  协同调解：
                  {detail.coMediators
                    .map((m) => `${m.name}（${label(MEDIATOR_KIND_LABELS, m.kind)}）`)
                    .join('、')}
                </div>
              )}
            </>
          ),
        },
        { key: 'received', label: '受理时间', children: formatTime(detail.receivedAt) },
        { key: 'closed', label: '办结时间', children: formatTime(detail.closedAt) },
        { key: 'claimed', label: '诉求金额', children: formatMoney(detail.amountClaimed) },
        { key: 'agreed', label: '协议金额', children: formatMoney(detail.amountAgreed) },
        { key: 'paid', label: '已履行金额', children: formatMoney(detail.amountPaid) },
        { key: 'workers', label: '涉及人数', children: detail.workerCount ?? '—' },
        {
          key: 'employer',
          label: '用人单位',
          children: `${detail.employer.name ?? '—'}${detail.employer.creditCode ? `（${detail.employer.creditCode}）` : ''}`,
        },
        { key: 'address', label: '事发地址', children: detail.eventAddress ?? '—' },
        {
          key: 'deadlines',
          label: '期限',
          span: 'filled',
          children: <DeadlineBadges deadlines={detail.deadlines} />,
        },
        {
          key: 'description',
          label: '诉求内容',
          span: 'filled',
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{detail.description}</div>,
        },
      ]}
    />
  );
}
