import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import type { SummaryRow } from '../../api/types';
import { EChart } from '../../components/echart';

/** Child units ranked by settlement rate (units with no closed cases last). */
export function RankingChart({ rows }: { rows: SummaryRow[] }) {
  const option = useMemo<EChartsOption>(() => {
    const ranked = [...rows].sort((a, b) => (a.settlementRate ?? -1) - (b.settlementRate ?? -1));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 100, right: 40, bottom: 20, top: 20 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: ranked.map((r) => r.label) },
      series: [
        {
          name: '调处成功率',
          type: 'bar',
          data: ranked.map((r) =>
            r.settlementRate === null ? 0 : +(r.settlementRate * 100).toFixed(1),
          ),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    };
  }, [rows]);
  return (
    <EChart option={option} height={Math.max(200, rows.length * 32 + 40)} testId="ranking-chart" />
  );
}
