import { Form, Input, Modal, Select, message } from 'antd';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { User } from '../../api/types';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { ROLE_LABELS } from '../../labels';

interface EditForm {
  displayName: string;
  roles: string[];
  orgUnitId?: string;
  mediatorId?: string;
}

/** Changes a user's name, roles, unit and linked mediator. */
export function EditUserModal({
  user,
  onClose,
  onSaved,
}: {
  user: User;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<EditForm>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.updateUser(user.id, {
        displayName: v.displayName.trim(),
        roles: v.roles,
        orgUnitId: v.orgUnitId ?? null,
        mediatorId: v.mediatorId?.trim() || null,
      });
      void message.success('已保存');
      onSaved();
      onClose();
    } catch (err) {
      void message.error(describeError(err));
    }
  };
  return (
    <Modal
      open
      title={`编辑用户 ${user.username}`}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          displayName: user.displayName,
          roles: user.roles,
          orgUnitId: user.orgUnitId ?? undefined,
          mediatorId: user.mediatorId ?? undefined,
        }}
      >
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, message: '至少选择一个角色' }]}
        >
          <Select
            mode="multiple"
            options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所属单位（全区管理员不填）">
          <OrgUnitTreeSelect rootId={null} />
        </Form.Item>
        <Form.Item name="mediatorId" label="对应调解员 ID（调解员、志愿律师必填）">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
