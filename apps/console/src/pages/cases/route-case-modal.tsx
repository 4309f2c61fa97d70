import { Form, Modal, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { useSession } from '../../auth/session-context';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';

/** Places a triage case on a unit picked from the network tree. */
export function RouteCaseModal({
  caseId,
  caseNo,
  open,
  onClose,
  onRouted,
}: {
  caseId: string;
  caseNo: string;
  open: boolean;
  onClose: () => void;
  onRouted: () => void;
}) {
  const { session } = useSession();
  const [form] = Form.useForm<{ orgUnitId: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { orgUnitId } = await form.validateFields();
    setBusy(true);
    try {
      await api.route(caseId, orgUnitId);
      void message.success(`${caseNo} 已分派`);
      onRouted();
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
      title={`分派 ${caseNo}`}
      okText="分派"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ id: 'route-submit' }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="orgUnitId"
          label="承办单位"
          rules={[{ required: true, message: '请选择承办单位' }]}
        >
          <OrgUnitTreeSelect rootId={session?.user.orgUnitId ?? null} testId="route-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
