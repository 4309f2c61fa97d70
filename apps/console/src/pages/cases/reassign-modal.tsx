import { Form, Input, Modal, Select, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { useRequest } from '../../hooks/use-request';
import { MEDIATOR_KIND_LABELS } from '../../labels';

/** Reassigns a case to another mediator of the case's unit (supervisor), with a reason. */
export function ReassignModal({
  caseId,
  caseNo,
  orgUnitId,
  open,
  onClose,
  onDone,
}: {
  caseId: string;
  caseNo: string;
  orgUnitId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ mediatorId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const load = useRequest(
    () => (open ? api.load({ orgUnitId, pageSize: 200 }) : Promise.resolve(undefined)),
    [open, orgUnitId],
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
        <Form.Item
          name="mediatorId"
          label="调解员"
          rules={[{ required: true, message: '请选择调解员' }]}
        >
          <Select
            loading={load.loading}
            showSearch
            optionFilterProp="label"
            options={(load.data?.items ?? []).map((m) => ({
              value: m.mediatorId,
              label: `${m.name}（${MEDIATOR_KIND_LABELS[m.kind] ?? m.kind}，${m.orgUnitName}，在办 ${m.load}/${m.capacity}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="改派原因"
          rules={[
            { required: true, whitespace: true, message: '请填写改派原因' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
