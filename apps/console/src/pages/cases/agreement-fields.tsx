import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Space } from 'antd';

const money = { min: 0.01, max: 99_999_999, precision: 2, style: { width: '100%' } } as const;

/** 调解协议: terms, agreed amount, signing date and the instalments (due date + amount). */
export function AgreementFields() {
  return (
    <>
      <Form.Item
        name={['agreement', 'terms']}
        label="协议内容"
        rules={[{ required: true, whitespace: true, message: '请填写协议内容' }]}
      >
        <Input.TextArea
          rows={4}
          placeholder="双方自愿达成如下协议：……"
          data-testid="agreement-terms"
        />
      </Form.Item>
      <Space wrap style={{ width: '100%' }} styles={{ item: { minWidth: 200 } }}>
        <Form.Item
          name={['agreement', 'amountAgreed']}
          label="协议金额（元）"
          rules={[{ required: true, message: '请填写协议金额' }]}
        >
          <InputNumber {...money} data-testid="agreement-amount" />
        </Form.Item>
        <Form.Item
          name={['agreement', 'signedAt']}
          label="签订日期"
          rules={[{ required: true, message: '请选择签订日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Space>
      <Form.List
        name={['agreement', 'instalments']}
        rules={[
          {
            validator: async (_, value?: unknown[]) => {
              if (!value || value.length === 0) throw new Error('至少填写一期履行安排');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap>
                <span>第 {i + 1} 期</span>
                <Form.Item
                  name={[field.name, 'dueDate']}
                  rules={[{ required: true, message: '请选择到期日' }]}
                >
                  <DatePicker placeholder="到期日" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'amount']}
                  rules={[{ required: true, message: '请填写金额' }]}
                >
                  <InputNumber {...money} style={{ width: 160 }} placeholder="金额（元）" />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除此期" />
              </Space>
            ))}
            <Form.Item>
              <Button
                type="dashed"
                onClick={() => add()}
                icon={<PlusOutlined />}
                data-testid="add-instalment"
              >
                添加一期
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          </>
        )}
      </Form.List>
    </>
  );
}
