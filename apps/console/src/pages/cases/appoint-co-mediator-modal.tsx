import { Alert, Button, Form, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseDetail, CoAppointResult } from '../../api/types';
import { useRequest } from '../../hooks/use-request';
import { EXCLUSION_LABELS, label } from '../../labels';
import { candidateChoices } from './candidate-choices';
import { CandidateField } from './candidate-field';

interface AppointForm {
  mediatorId: string;
  reason: string;
}

const FORM_FIELDS: readonly string[] = ['mediatorId', 'reason'] satisfies (keyof AppointForm)[];

/**
 * Appoints a volunteer lawyer as the case's co-mediator at once (supervisor), with a reason,
 * choosing from the engine's own co-mediator candidates: its ranking first, then who does not fit
 * and why. A rule the supervisor overrides is said before submitting, and the API's warnings
 * after, before the modal closes.
 */
export function AppointCoMediatorModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<AppointForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CoAppointResult>();
  const lawyers = useRequest(
    () => api.candidates(detail.id, 'co').then(candidateChoices),
    [detail.id],
  );
  const appointed = result && lawyers.data?.find((c) => c.mediatorId === result.mediatorId);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.appointCoMediator(detail.id, v.mediatorId, v.reason.trim());
      void message.success('已指定协同律师');
      onDone();
      if (done.warnings.length > 0 || done.overCapacity) setResult(done);
      else onClose();
    } catch (err) {
      // The API's field messages show under their fields; the rest above the form.
      const fields = err instanceof ApiError ? err.details : [];
      const placed = fields.filter((d) => FORM_FIELDS.includes(d.field));
      form.setFields(
        placed.map((d) => ({ name: d.field as keyof AppointForm, errors: [d.message] })),
      );
      setError(
        err instanceof ApiError && placed.length > 0 && placed.length === fields.length
          ? err.message
          : describeError(err),
      );
      // The case or the lawyer changed meanwhile: show the engine's view as it is now.
      if (err instanceof ApiError && err.status === 409) lawyers.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`指定协同律师 ${detail.caseNo}`}
      okText="指定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                知道了
              </Button>,
            ]
          : undefined
      }
    >
      {result ? (
        <Alert
          type="warning"
          showIcon
          title={`已指定${appointed?.name ?? ''}为协同律师，请注意：`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="co-appoint-warnings">
              {result.warnings.map((w) => (
                <li key={w}>{label(EXCLUSION_LABELS, w)}</li>
              ))}
              {result.overCapacity && (
                <li>
                  超出容量：指定后在办 {result.load}/{result.capacity}
                </li>
              )}
            </ul>
          }
        />
      ) : (
        <>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="co-appoint-error"
            />
          )}
          <Form form={form} layout="vertical">
            <CandidateField
              candidates={lawyers}
              label="志愿律师"
              extra="只列出负责该案件所在地区的志愿律师；替换现任协同律师，撤回未答复的协同派案。"
              requiredMessage="请选择志愿律师"
              emptyText="没有负责该地区的志愿律师"
              overrideNote="指定将越过这条派案规则，并记入案件时间线。"
              testId="co-mediator"
            />
            <Form.Item
              name="reason"
              label="指定原因"
              rules={[
                { required: true, whitespace: true, message: '请填写指定原因' },
                { min: 2, message: '指定原因至少 2 个字' },
                { max: 500, message: '指定原因不超过 500 字' },
              ]}
            >
              <Input.TextArea rows={3} placeholder="例如：集体争议涉及社保补缴，请律师协同调解" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
