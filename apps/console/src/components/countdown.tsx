import { Typography } from 'antd';
import { useNow } from '../hooks/use-now';

/** Counts down to `until` (mm:ss under an hour); red in the last ten minutes. */
export function Countdown({ until }: { until: string }) {
  const now = useNow(1000);
  const left = Math.max(0, new Date(until).getTime() - now);
  const totalSeconds = Math.floor(left / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = left === 0 ? '已过期' : h > 0 ? `${h} 小时 ${pad(m)} 分` : `${pad(m)}:${pad(s)}`;
  return (
    <Typography.Text type={left < 600_000 ? 'danger' : undefined} data-testid="offer-countdown">
      {left === 0 ? text : `剩余 ${text}`}
    </Typography.Text>
  );
}
