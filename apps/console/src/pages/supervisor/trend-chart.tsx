import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import type { SummaryRow } from '../../api/types';
import { EChart } from '../../components/echart';

/** Cases closed per month (bars) and the settlement rate (line). */
export function TrendChart({ rows }: { rows: SummaryRow[] }) {
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['办结数', '调处成功率'], top: 0 },
      grid: { left: 40, right: 48, bottom: 30, top: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value', name: '件' },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: '办结数', type: 'bar', data: rows.map((r) => r.closed) },
        {
          name: '调处成功率',
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) =>
            r.settlementRate === null ? null : +(r.settlementRate * 100).toFixed(1),
          ),
        },
      ],
    }),
    [rows],
  );
  return <EChart option={option} testId="trend-chart" />;
}
