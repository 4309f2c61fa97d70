import { Alert, Descriptions, Tag } from 'antd';
import type { CaseDetail } from '../../api/types';
import { REPLY_STATE_LABELS, label } from '../../labels';

const COLORS: Record<string, string> = {
  none: 'default',
  pending: 'processing',
  delivered: 'green',
  failing: 'red',
};

/** The 12345 work order and the delivery state of heqi's reply to the platform. */
export function CaseHotlinePanel({ hotline }: { hotline: NonNullable<CaseDetail['hotline']> }) {
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'order', label: '工单编号', children: hotline.orderNo },
          {
            key: 'reply',
            label: '回复状态',
            children: (
              <Tag color={COLORS[hotline.replyState]} data-testid="reply-state">
                {label(REPLY_STATE_LABELS, hotline.replyState)}
              </Tag>
            ),
          },
        ]}
      />
      {hotline.replyLastError && (
        <Alert type="warning" showIcon title={`最近一次送达失败：${hotline.replyLastError}`} />
      )}
    </>
  );
}
