import { Card, Col, Row, Statistic } from 'antd';
import type { SummaryRow } from '../../api/types';
import { formatMoney, formatRate } from '../../format';

/** The period's headline figures for the subtree. */
export function SummaryCards({ total }: { total: SummaryRow }) {
  const cards = [
    {
      key: 'settlement',
      title: '调处成功率',
      value: formatRate(total.settlementRate),
      hint: `成功 ${total.settled} / (成功+不成+转出) ${total.settled + total.failed + total.referred}`,
    },
    {
      key: 'ontime',
      title: '按时办结率',
      value: formatRate(total.onTimeRate),
      hint: '按期完成的期限 / 到期的期限',
    },
    {
      key: 'satisfaction',
      title: '满意率',
      value: formatRate(total.satisfactionRate),
      hint: '(满意+基本满意) / 回访数',
    },
    {
      key: 'received',
      title: '受理 / 办结',
      value: `${total.received} / ${total.closed}`,
      hint: `撤回 ${total.withdrawn}，不予受理 ${total.rejected}`,
    },
    { key: 'claimed', title: '诉求金额', value: formatMoney(total.amountClaimed), hint: '' },
    { key: 'agreed', title: '协议金额', value: formatMoney(total.amountAgreed), hint: '' },
    { key: 'paid', title: '已履行金额', value: formatMoney(total.amountPaid), hint: '' },
    {
      key: 'days',
      title: '平均办结天数',
      value: total.avgDaysToClose === null ? '—' : total.avgDaysToClose.toFixed(1),
      hint: '',
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={6}>
          <Card size="small" data-testid={`card-${c.key}`}>
            <Statistic title={c.title} value={c.value} />
            {c.hint && <div style={{ color: '#888', fontSize: 12 }}>{c.hint}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
