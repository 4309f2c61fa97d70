import { Spin } from 'antd';
import { api } from '../../api/endpoints';
import { DeadlineBadges } from '../../components/deadline-badge';
import { useRequest } from '../../hooks/use-request';

/** The deadline badges of one case in a list (the list itself carries no clocks). */
export function CaseDeadlinesCell({ caseId }: { caseId: string }) {
  const { data, error } = useRequest(() => api.case(caseId), [caseId]);
  if (error) return <span style={{ color: '#999' }}>—</span>;
  if (!data) return <Spin size="small" />;
  return <DeadlineBadges deadlines={data.deadlines} />;
}
