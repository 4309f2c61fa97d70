import { DatePicker, Form, Input, Modal, Select, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { SESSION_MODE_LABELS } from '../../labels';

const MODES = Object.entries(SESSION_MODE_LABELS).map(([value, label]) => ({ value, label }));

/** Records a mediation session or the first contact with the claimant (same fields). */
export function AddSessionModal({
  open,
  title,
  notesRequired = true,
  withSms = false,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  notesRequired?: boolean;
  /** First contact may also be a text message. */
  withSms?: boolean;
  onSubmit: (values: { at: string; mode: string; notes: string }) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ at: Dayjs; mode: string; notes: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit({ at: v.at.toISOString(), mode: v.mode, notes: v.notes ?? '' });
      void message.success('已记录');
      form.resetFields();
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
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ at: dayjs(), mode: 'in_person' }}>
        <Form.Item name="at" label="时间" rules={[{ required: true, message: '请选择时间' }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs())}
          />
        </Form.Item>
        <Form.Item name="mode" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
          <Select options={withSms ? [...MODES, { value: 'sms', label: '短信' }] : MODES} />
        </Form.Item>
        <Form.Item
          name="notes"
          label="情况记录"
          rules={
            notesRequired ? [{ required: true, whitespace: true, message: '请填写情况记录' }] : []
          }
        >
          <Input.TextArea
            rows={4}
            placeholder="双方意见、争议焦点、下一步安排"
            data-testid="session-notes"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
