import { Form, Input, Modal, Select, message } from 'antd';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { LEVEL_LABELS } from '../../labels';

/** Adds an org unit under a parent (or a new district). */
export function CreateUnitModal({
  open,
  parentId,
  onClose,
  onCreated,
}: {
  open: boolean;
  parentId?: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.createOrgUnit(
        Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')),
      );
      void message.success('已新增单位');
      form.resetFields();
      onCreated();
      onClose();
    } catch (err) {
      void message.error(describeError(err));
    }
  };
  return (
    <Modal
      open={open}
      title="新增单位"
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ parentId, level: parentId ? 'town' : 'district' }}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
          <Select
            options={Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label="上级单位（区/县不填）">
          <OrgUnitTreeSelect rootId={null} />
        </Form.Item>
        <Form.Item name="creditCode" label="统一社会信用代码（企业）">
          <Input />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
