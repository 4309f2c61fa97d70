import { Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { describeError } from '../api/api-error';

/**
 * Asks for a reason (2–500 characters) and runs `onSubmit` with it; errors stay in the modal.
 * `children` go below the reason (further choices, kept by the caller).
 */
export function ReasonModal({
  open,
  title,
  label = '原因',
  placeholder,
  okText = '确定',
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  label?: string;
  placeholder?: string;
  okText?: string;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
      onClose();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { min: 2, message: `${label}至少 2 个字` },
            { max: 500, message: `${label}不超过 500 字` },
          ]}
          validateStatus={error ? 'error' : undefined}
          help={error}
        >
          <Input.TextArea rows={3} placeholder={placeholder} data-testid="reason-input" />
        </Form.Item>
        {children}
      </Form>
    </Modal>
  );
}
