import { Button, Space, message } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { homePath } from '../../auth/home-path';
import { useSession } from '../../auth/session-context';
import { Countdown } from '../../components/countdown';
import { ReasonModal } from '../../components/reason-modal';
import { AppointCoMediatorModal } from './appoint-co-mediator-modal';
import type { CaseAbilities } from './case-abilities';
import { CloseCaseModal } from './close-case-modal';
import { EndCoMediationModal } from './end-co-mediation-modal';
import { ReassignModal } from './reassign-modal';
import { RouteCaseModal } from './route-case-modal';

type Dialog =
  | 'decline'
  | 'close'
  | 'route'
  | 'return'
  | 'reassign'
  | 'appoint-co'
  | 'end-co'
  | 'leave-co'
  | null;

/** What the signed-in user can do with the case now (`may`: see `caseAbilities`). */
export function CaseActions({
  detail,
  may,
  onChange,
}: {
  detail: CaseDetail;
  may: Pick<CaseAbilities, 'close' | 'appointCoMediator' | 'endCoMediation' | 'leaveCoMediation'>;
  onChange: () => void;
}) {
  const { session, is } = useSession();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const offeredToMe = !!session?.mediatorId && detail.offer?.mediatorId === session.mediatorId;

  const accept = async () => {
    setBusy(true);
    try {
      await api.accept(detail.id);
      void message.success('已接受派案');
      onChange();
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const pdf = async () => {
    try {
      await api.agreementPdf(detail.id, detail.caseNo);
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  const close = () => setDialog(null);
  return (
    <Space wrap>
      {offeredToMe && detail.status === 'offered' && detail.offer && (
        <>
          <Countdown until={detail.offer.expiresAt} />
          <Button type="primary" loading={busy} onClick={accept}>
            接受
          </Button>
          <Button danger onClick={() => setDialog('decline')}>
            拒绝
          </Button>
        </>
      )}
      {may.close && (
        <Button type="primary" onClick={() => setDialog('close')} data-testid="close-case">
          办结
        </Button>
      )}
      {detail.outcome === 'settled' && (
        <Button onClick={pdf} data-testid="agreement-pdf">
          下载调解协议书
        </Button>
      )}
      {detail.status === 'triage' && is('intake', 'admin', 'supervisor') && (
        <Button type="primary" onClick={() => setDialog('route')} data-testid="route-case">
          分派
        </Button>
      )}
      {detail.status === 'triage' && detail.channel === 'hotline' && is('intake', 'admin') && (
        <Button danger onClick={() => setDialog('return')}>
          退单
        </Button>
      )}
      {is('supervisor', 'admin') &&
        ['queued', 'offered', 'in_mediation'].includes(detail.status) && (
          <Button onClick={() => setDialog('reassign')}>改派</Button>
        )}
      {may.appointCoMediator && (
        <Button onClick={() => setDialog('appoint-co')} data-testid="appoint-co-mediator">
          指定协同律师
        </Button>
      )}
      {may.endCoMediation && (
        <Button danger onClick={() => setDialog('end-co')} data-testid="end-co-mediation">
          结束协同调解
        </Button>
      )}
      {may.leaveCoMediation && (
        <Button danger onClick={() => setDialog('leave-co')} data-testid="leave-co-mediation">
          退出协同调解
        </Button>
      )}
      <ReasonModal
        open={dialog === 'decline'}
        title="拒绝派案"
        label="拒绝原因"
        okText="拒绝"
        onClose={close}
        onSubmit={async (reason) => {
          await api.decline(detail.id, reason);
          onChange();
        }}
      />
      <ReasonModal
        open={dialog === 'return'}
        title="退回 12345（退单）"
        label="退单原因"
        placeholder="例如：不属于劳动争议，建议转市场监管部门"
        okText="退单"
        onClose={close}
        onSubmit={async (reason) => {
          await api.returnCase(detail.id, reason);
          onChange();
        }}
      />
      {dialog === 'close' && (
        <CloseCaseModal detail={detail} open onClose={close} onClosed={onChange} />
      )}
      <RouteCaseModal
        caseId={detail.id}
        caseNo={detail.caseNo}
        open={dialog === 'route'}
        onClose={close}
        onRouted={onChange}
      />
      <ReassignModal
        caseId={detail.id}
        caseNo={detail.caseNo}
        open={dialog === 'reassign'}
        onClose={close}
        onDone={onChange}
      />
      {dialog === 'appoint-co' && (
        <AppointCoMediatorModal detail={detail} open onClose={close} onDone={onChange} />
      )}
      {dialog === 'end-co' && (
        <EndCoMediationModal detail={detail} open onClose={close} onDone={onChange} />
      )}
      <ReasonModal
        open={dialog === 'leave-co'}
        title="退出协同调解"
        label="退出原因"
        placeholder="例如：发现所在律所曾代理被申请人，主动回避"
        okText="退出"
        onClose={close}
        onSubmit={async (reason) => {
          await api.endCoMediation(detail.id, reason, true);
          void message.success('已退出协同调解');
          // The case is no longer in the lawyer's reach: reloading it would answer 404.
          navigate(homePath(session?.user.roles ?? []));
        }}
      />
    </Space>
  );
}
