import { Form, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { useRequest } from '../../hooks/use-request';
import { candidateChoices } from './candidate-choices';
import { CandidateField } from './candidate-field';

interface ReassignForm {
  mediatorId: string;
  reason: string;
}

/**
 * Reassigns a case to a named mediator (supervisor), with a reason, choosing from the engine's
 * own candidates for the case: its ranking first, then who does not fit and why. A rule the API
 * lets a supervisor override is said before the supervisor submits.
 */
export function ReassignModal({
  caseId,
  caseNo,
  open,
  onClose,
  onDone,
}: {
  caseId: string;
  caseNo: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<ReassignForm>();
  const [busy, setBusy] = useState(false);
  const candidates = useRequest(
    () =>
      open ? api.candidates(caseId, 'lead').then(candidateChoices) : Promise.resolve(undefined),
    [open, caseId],
  );

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.reassign(caseId, v.mediatorId, v.reason.trim());
      void message.success('已改派');
      onDone();
      onClose();
    } catch (err) {
      void message.error(describeError(err));
      // The case or the mediator changed meanwhile: show the engine's view as it is now.
      if (err instanceof ApiError && err.status === 409) candidates.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={`改派 ${caseNo}`}
      okText="改派"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <CandidateField
          candidates={candidates}
          label="调解员"
          extra="按派案引擎的排序列出负责该案件所在地区的调解员；不符合派案规则的也可改派（停用、暂不可用、律所回避除外）。"
          requiredMessage="请选择调解员"
          emptyText="没有负责该地区的调解员"
          overrideNote="改派将越过这条派案规则，并记入案件时间线。"
          testId="reassign"
        />
        <Form.Item
          name="reason"
          label="改派原因"
          rules={[
            { required: true, whitespace: true, message: '请填写改派原因' },
            { min: 2, message: '改派原因至少 2 个字' },
            { max: 500, message: '改派原因不超过 500 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：原调解员长期病假，改由镇调解室办理" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
