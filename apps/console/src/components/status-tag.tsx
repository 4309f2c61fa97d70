import { Tag } from 'antd';
import { OUTCOME_LABELS, STATUS_COLORS, STATUS_LABELS, label } from '../labels';

/** A case's status, and its outcome once closed. */
export function StatusTag({ status, outcome }: { status: string; outcome?: string | null }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="case-status">
      {label(STATUS_LABELS, status)}
      {outcome ? ` · ${label(OUTCOME_LABELS, outcome)}` : ''}
    </Tag>
  );
}
