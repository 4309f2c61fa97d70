import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CaseDeadline } from '../api/types';
import { useNow } from '../hooks/use-now';
import { useWorkingCalendar, workingDaysLeft } from '../hooks/use-working-calendar';
import { CLOCK_KIND_LABELS, CLOCK_STATE_COLORS, CLOCK_STATE_LABELS, label } from '../labels';

/** Time left (or overdue) of an open clock, in working days; hours on the last day. */
export function timeLeftText(due: string, now: number, days: number): string {
  const ms = dayjs(due).valueOf() - now;
  const hours = Math.abs(ms) / 3_600_000;
  if (ms >= 0) {
    if (hours < 24) return `剩 ${Math.max(1, Math.ceil(hours))} 小时`;
    return `剩 ${days} 个工作日`;
  }
  if (hours < 24) return `超时 ${Math.max(1, Math.floor(hours))} 小时`;
  return `超时 ${Math.abs(days)} 个工作日`;
}

/** One deadline: kind, state colour and time left. */
export function DeadlineBadge({ deadline }: { deadline: CaseDeadline }) {
  const now = useNow(60_000);
  const calendar = useWorkingCalendar();
  const open = deadline.state !== 'met' && deadline.state !== 'paused';
  const days = workingDaysLeft(calendar, now, deadline.dueAt);
  const text = open
    ? timeLeftText(deadline.dueAt, now, days)
    : label(CLOCK_STATE_LABELS, deadline.state);
  return (
    <Tooltip
      title={`${label(CLOCK_KIND_LABELS, deadline.kind)}：${label(CLOCK_STATE_LABELS, deadline.state)}，到期 ${dayjs(deadline.dueAt).format('YYYY-MM-DD HH:mm')}${deadline.calendarUnverified ? '（日历未核实）' : ''}`}
    >
      <Tag
        color={CLOCK_STATE_COLORS[deadline.state]}
        data-testid="deadline-badge"
        data-state={deadline.state}
      >
        {label(CLOCK_KIND_LABELS, deadline.kind)} · {text}
      </Tag>
    </Tooltip>
  );
}

/** The open deadlines of a case, most urgent first; met ones only if `showAll`. */
export function DeadlineBadges({
  deadlines,
  showAll = false,
}: {
  deadlines: CaseDeadline[];
  showAll?: boolean;
}) {
  const shown = deadlines
    .filter((d) => showAll || d.state !== 'met')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  if (shown.length === 0) return <span style={{ color: '#999' }}>无进行中的期限</span>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {shown.map((d, i) => (
        <DeadlineBadge key={`${d.kind}-${i}`} deadline={d} />
      ))}
    </span>
  );
}
