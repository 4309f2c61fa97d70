import { Checkbox, message } from 'antd';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { ReasonModal } from '../../components/reason-modal';

/**
 * Ends the current co-mediator's co-mediation (supervisor), with a reason. For a collective
 * dispute the engine looks for another volunteer lawyer unless the supervisor unticks it, and the
 * lead goes on alone; other cases have no search to run, so the choice is not offered.
 */
export function EndCoMediationModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: Pick<CaseDetail, 'id' | 'collective' | 'coMediators'>;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [seekAnother, setSeekAnother] = useState(true);
  const names = detail.coMediators.map((m) => m.name).join('、');
  return (
    <ReasonModal
      open={open}
      title={names ? `结束协同调解（${names}）` : '结束协同调解'}
      label="结束原因"
      okText="结束协同调解"
      onClose={onClose}
      onSubmit={async (reason) => {
        const done = await api.endCoMediation(detail.id, reason, seekAnother);
        void message.success(
          done.seekingAnother ? '已结束协同调解，正在另找志愿律师' : '已结束协同调解',
        );
        onDone();
      }}
    >
      {detail.collective && (
        <Checkbox
          checked={seekAnother}
          onChange={(e) => setSeekAnother(e.target.checked)}
          data-testid="seek-another"
        >
          另找一位志愿律师
        </Checkbox>
      )}
    </ReasonModal>
  );
}
