import {
  Button,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Modal,
  Table,
  Tag,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { formatDate, formatMoney } from '../../format';
import { useRequest } from '../../hooks/use-request';

const INSTALMENT_STATES: Record<string, { text: string; color: string }> = {
  pending: { text: '未到期', color: 'blue' },
  paid: { text: '已履行', color: 'green' },
  overdue: { text: '逾期', color: 'orange' },
  defaulted: { text: '违约', color: 'red' },
};

/** The agreement's instalments and the payments made against it; recording a payment. */
export function CasePaymentsPanel({
  detail,
  canRecord,
  onChange,
}: {
  detail: CaseDetail;
  canRecord: boolean;
  onChange: () => void;
}) {
  const payments = useRequest(() => api.payments(detail.id), [detail.id, detail.updatedAt]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ amount: number; paidAt: Dayjs }>();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.addPayment(detail.id, v.amount.toFixed(2), v.paidAt.toISOString());
      void message.success('已记录履行');
      setAdding(false);
      form.resetFields();
      payments.reload();
      onChange();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <AsyncView {...payments}>
      {(p) => (
        <>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'agreed', label: '协议金额', children: formatMoney(p.amountAgreed) },
              { key: 'paid', label: '已履行', children: formatMoney(p.amountPaid) },
              { key: 'out', label: '未履行', children: formatMoney(p.outstanding) },
            ]}
          />
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={p.instalments}
            locale={{ emptyText: '无分期安排' }}
            columns={[
              {
                title: '期次',
                key: 'n',
                render: (_: unknown, __: unknown, i: number) => `第 ${i + 1} 期`,
              },
              { title: '到期日', dataIndex: 'dueDate', render: formatDate },
              { title: '金额', dataIndex: 'amount', render: formatMoney },
              { title: '已付', dataIndex: 'paid', render: formatMoney },
              {
                title: '状态',
                dataIndex: 'status',
                render: (v?: string) =>
                  v ? (
                    <Tag color={INSTALMENT_STATES[v]?.color}>{INSTALMENT_STATES[v]?.text ?? v}</Tag>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          <Table
            style={{ marginTop: 12 }}
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={p.payments}
            locale={{ emptyText: '暂无履行记录' }}
            columns={[
              { title: '履行日期', dataIndex: 'paidAt', render: formatDate },
              { title: '金额', dataIndex: 'amount', render: formatMoney },
            ]}
          />
          {canRecord && (
            <Button style={{ marginTop: 12 }} onClick={() => setAdding(true)}>
              记录履行
            </Button>
          )}
          <Modal
            open={adding}
            title="记录履行"
            okText="保存"
            cancelText="取消"
            onOk={submit}
            onCancel={() => setAdding(false)}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" initialValues={{ paidAt: dayjs() }}>
              <Form.Item
                name="amount"
                label="金额（元）"
                rules={[{ required: true, message: '请填写金额' }]}
              >
                <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="paidAt"
                label="履行日期"
                rules={[{ required: true, message: '请选择日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </AsyncView>
  );
}
