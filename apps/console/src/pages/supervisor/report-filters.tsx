import { DatePicker, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSession } from '../../auth/session-context';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';

export interface ReportPeriod {
  orgUnitId?: string;
  range: [Dayjs, Dayjs];
}

/** The subtree and the period a dashboard covers. */
export function ReportFilters({
  value,
  onChange,
}: {
  value: ReportPeriod;
  onChange: (value: ReportPeriod) => void;
}) {
  const { session } = useSession();
  return (
    <Space wrap>
      <div style={{ width: 240 }}>
        <OrgUnitTreeSelect
          rootId={session?.user.orgUnitId ?? null}
          value={value.orgUnitId}
          onChange={(orgUnitId) => onChange({ ...value, orgUnitId })}
          placeholder="全部管辖单位"
        />
      </div>
      <DatePicker.RangePicker
        value={value.range}
        allowClear={false}
        onChange={(range) =>
          range?.[0] && range[1] && onChange({ ...value, range: [range[0], range[1]] })
        }
      />
    </Space>
  );
}

export const periodQuery = (p: ReportPeriod) => ({
  ...(p.orgUnitId && { orgUnitId: p.orgUnitId }),
  from: p.range[0].format('YYYY-MM-DD'),
  to: p.range[1].format('YYYY-MM-DD'),
});
