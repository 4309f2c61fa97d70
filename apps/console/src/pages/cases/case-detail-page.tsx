import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/endpoints';
import { useSession } from '../../auth/session-context';
import { AsyncView } from '../../components/async-view';
import { MaskedClaimants } from '../../components/masked-claimants';
import { PageHeader } from '../../components/page-header';
import { useRequest } from '../../hooks/use-request';
import { caseAbilities } from './case-abilities';
import { CaseActions } from './case-actions';
import { CaseAttachmentsPanel } from './case-attachments-panel';
import { CaseClocksPanel } from './case-clocks-panel';
import { CaseHotlinePanel } from './case-hotline-panel';
import { CaseNotesPanel } from './case-notes-panel';
import { CaseOverview } from './case-overview';
import { CasePaymentsPanel } from './case-payments-panel';
import { CaseSessionsPanel } from './case-sessions-panel';
import { CaseTimeline } from './case-timeline';

/**
 * One case: facts, parties, clocks, sessions, internal notes, attachments, agreement and
 * payments, hotline reply, timeline.
 */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const [version, setVersion] = useState(0);
  const detail = useRequest(() => api.case(id), [id, version]);
  const refresh = () => setVersion((v) => v + 1);

  return (
    <AsyncView {...detail} reload={refresh}>
      {(d) => {
        const may = caseAbilities(d, session);
        return (
          <Card>
            <PageHeader
              title={
                <span data-testid="case-no">
                  {d.caseNo}
                  {d.title ? ` · ${d.title}` : ''}
                </span>
              }
              extra={<CaseActions detail={d} may={may} onChange={refresh} />}
            />
            <CaseOverview detail={d} />
            <Tabs
              style={{ marginTop: 16 }}
              items={[
                { key: 'parties', label: '当事人', children: <MaskedClaimants detail={d} /> },
                {
                  key: 'clocks',
                  label: '期限与延期',
                  children: <CaseClocksPanel detail={d} onChange={refresh} />,
                },
                {
                  key: 'sessions',
                  label: '调解记录',
                  children: (
                    <CaseSessionsPanel
                      detail={d}
                      canRecord={may.recordSessions}
                      onChange={refresh}
                    />
                  ),
                },
                ...(may.readCaseFiles
                  ? [
                      {
                        key: 'notes',
                        label: '内部备注',
                        children: (
                          <CaseNotesPanel
                            caseId={d.id}
                            canAdd={may.writeCaseFiles}
                            onChange={refresh}
                          />
                        ),
                      },
                      {
                        key: 'attachments',
                        label: '附件',
                        children: (
                          <CaseAttachmentsPanel
                            caseId={d.id}
                            canUpload={may.writeCaseFiles}
                            onChange={refresh}
                          />
                        ),
                      },
                    ]
                  : []),
                ...(d.amountAgreed || d.outcome === 'settled'
                  ? [
                      {
                        key: 'payments',
                        label: '协议履行',
                        children: (
                          <CasePaymentsPanel
                            detail={d}
                            canRecord={may.recordPayments}
                            onChange={refresh}
                          />
                        ),
                      },
                    ]
                  : []),
                ...(d.hotline
                  ? [
                      {
                        key: 'hotline',
                        label: '12345 回复',
                        children: <CaseHotlinePanel hotline={d.hotline} />,
                      },
                    ]
                  : []),
                {
                  key: 'timeline',
                  label: '时间线',
                  children: <CaseTimeline caseId={d.id} version={version} />,
                },
              ]}
            />
          </Card>
        );
      }}
    </AsyncView>
  );
}
