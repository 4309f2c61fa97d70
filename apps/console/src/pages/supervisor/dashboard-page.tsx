import { Button, Card, Col, Row } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { RankingChart } from './ranking-chart';
import { ReportFilters, periodQuery, type ReportPeriod } from './report-filters';
import { SummaryCards } from './summary-cards';
import { SummaryTable } from './summary-table';
import { TrendChart } from './trend-chart';

/** The supervisor's dashboard: headline rates and amounts, trend, ranking, the table. */
export function DashboardPage() {
  const [period, setPeriod] = useState<ReportPeriod>({
    range: [dayjs().startOf('year'), dayjs()],
  });
  const key = JSON.stringify(periodQuery(period));
  const total = useRequest(
    () => api.summary({ ...periodQuery(period), groupBy: 'org_unit' }),
    [key],
  );
  const trend = useRequest(() => api.trend(period.orgUnitId, 12), [period.orgUnitId]);

  return (
    <div>
      <Card style={{ marginBottom: 12 }}>
        <PageHeader
          title="调处统计"
          extra={
            <>
              <ReportFilters value={period} onChange={setPeriod} />
              <Button
                onClick={() => {
                  total.reload();
                  trend.reload();
                }}
              >
                刷新
              </Button>
            </>
          }
        />
        <AsyncView {...total}>{(s) => <SummaryCards total={s.total} />}</AsyncView>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card title="近 12 个月趋势" size="small">
            <AsyncView {...trend} isEmpty={(s) => s.rows.length === 0}>
              {(s) => <TrendChart rows={s.rows} />}
            </AsyncView>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="下级单位调处成功率排名" size="small">
            <AsyncView {...total} isEmpty={(s) => s.rows.length === 0} emptyText="没有下级单位">
              {(s) => <RankingChart rows={s.rows} />}
            </AsyncView>
          </Card>
        </Col>
      </Row>
      <Card title="分组统计" size="small" style={{ marginTop: 12 }}>
        <SummaryTable period={period} />
      </Card>
    </div>
  );
}
