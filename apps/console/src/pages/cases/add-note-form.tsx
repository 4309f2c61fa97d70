import { Button, Form, Input, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';

/** The API's limit on one note. */
const NOTE_MAX = 5000;

/** Writes one internal note; the text stays until the API has taken it. */
export function AddNoteForm({ onSubmit }: { onSubmit: (body: string) => Promise<void> }) {
  const [form] = Form.useForm<{ body: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      await onSubmit(body.trim());
      void message.success('已添加备注');
      form.resetFields();
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ marginBottom: 16 }}>
      <Form.Item
        name="body"
        label="添加内部备注（仅调解网络内可见，不对当事人公开）"
        rules={[{ required: true, whitespace: true, message: '请填写备注内容' }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={NOTE_MAX}
          showCount
          placeholder="沟通情况、下一步安排、需要同事知道的事"
          data-testid="note-body"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="add-note">
        添加备注
      </Button>
    </Form>
  );
}
