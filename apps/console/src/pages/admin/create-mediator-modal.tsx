import { Form, Input, InputNumber, Modal, Select, message } from 'antd';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { CATEGORY_LABELS, MEDIATOR_KIND_LABELS } from '../../labels';

const options = (m: Record<string, string>) =>
  Object.entries(m).map(([value, label]) => ({ value, label }));

/** Adds a mediator to a unit. */
export function CreateMediatorModal({
  open,
  orgUnitId,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgUnitId?: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.createMediator(
        Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')),
      );
      void message.success('已新增调解员');
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
      title="新增调解员"
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
          orgUnitId,
          kind: 'union_staff',
          capacity: 10,
          skills: ['wages', 'contract'],
        }}
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={options(MEDIATOR_KIND_LABELS)} />
        </Form.Item>
        {kind === 'volunteer_lawyer' && (
          <Form.Item
            name="lawFirm"
            label="律师事务所"
            rules={[{ required: true, message: '志愿律师须填写律所' }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="orgUnitId"
          label="所属单位"
          rules={[{ required: true, message: '请选择单位' }]}
        >
          <OrgUnitTreeSelect rootId={null} />
        </Form.Item>
        <Form.Item
          name="skills"
          label="擅长类别"
          rules={[{ required: true, message: '至少选择一类' }]}
        >
          <Select mode="multiple" options={options(CATEGORY_LABELS)} />
        </Form.Item>
        <Form.Item
          name="capacity"
          label="最多在办案件数"
          rules={[{ required: true, message: '请填写' }]}
        >
          <InputNumber min={0} max={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
