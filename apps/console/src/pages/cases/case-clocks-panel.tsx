import {
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseDetail, Extension } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { DeadlineBadge } from '../../components/deadline-badge';
import { ReasonModal } from '../../components/reason-modal';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { CLOCK_KIND_LABELS, label } from '../../labels';

const EXTENSION_STATES: Record<string, { text: string; color: string }> = {
  pending: { text: '待审批', color: 'orange' },
  approved: { text: '已批准', color: 'green' },
  rejected: { text: '已驳回', color: 'red' },
};

/** Every clock of the case, its extensions, and asking for / deciding on an extension. */
export function CaseClocksPanel({
  detail,
  onChange,
}: {
  detail: CaseDetail;
  onChange: () => void;
}) {
  const { is } = useSession();
  const clocks = useRequest(() => api.clocks(detail.id), [detail.id, detail.updatedAt]);
  const extensions = useRequest(() => api.extensions(detail.id), [detail.id, detail.updatedAt]);
  const [asking, setAsking] = useState(false);
  const [rejecting, setRejecting] = useState<Extension | null>(null);
  const [form] = Form.useForm<{ deadline: string; days: number; reason: string }>();
  const open = (clocks.data?.items ?? []).filter((c) => c.state !== 'met');

  const approve = async (ext: Extension) => {
    try {
      await api.approveExtension(ext.id);
      void message.success('已批准延期');
      extensions.reload();
      onChange();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  const submitRequest = async () => {
    const values = await form.validateFields();
    try {
      await api.requestExtension(detail.id, values.deadline, values.days, values.reason);
      void message.success('已提交延期申请，待督导审批');
      setAsking(false);
      form.resetFields();
      extensions.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <>
      <AsyncView {...clocks} isEmpty={(d) => d.items.length === 0} emptyText="暂无期限">
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.items}
            scroll={{ x: 640 }}
            columns={[
              {
                title: '期限',
                dataIndex: 'kind',
                render: (v: string, c) =>
                  `${label(CLOCK_KIND_LABELS, v)}${c.ref ? `（${c.ref}）` : ''}`,
              },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, c) => <DeadlineBadge deadline={c} />,
              },
              { title: '开始', dataIndex: 'startedAt', render: formatTime },
              { title: '到期', dataIndex: 'dueAt', render: formatTime },
              {
                title: '已延期',
                dataIndex: 'extensionDays',
                render: (v: number) => (v ? `${v} 天` : '—'),
              },
            ]}
          />
        )}
      </AsyncView>
      <Space style={{ margin: '16px 0 8px' }}>
        <Typography.Text strong>延期申请</Typography.Text>
        {detail.status === 'in_mediation' && open.length > 0 && (
          <Button size="small" onClick={() => setAsking(true)}>
            申请延期
          </Button>
        )}
      </Space>
      <AsyncView {...extensions} isEmpty={(d) => d.items.length === 0} emptyText="暂无延期申请">
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.items}
            scroll={{ x: 640 }}
            columns={[
              {
                title: '期限',
                dataIndex: 'deadline',
                render: (v: string) => label(CLOCK_KIND_LABELS, v),
              },
              { title: '天数', dataIndex: 'days' },
              { title: '理由', dataIndex: 'reason' },
              {
                title: '状态',
                dataIndex: 'state',
                render: (v: string, e) => (
                  <span>
                    <Tag color={EXTENSION_STATES[v]?.color}>{EXTENSION_STATES[v]?.text ?? v}</Tag>
                    {e.decisionReason}
                  </span>
                ),
              },
              { title: '申请时间', dataIndex: 'requestedAt', render: formatTime },
              {
                title: '审批',
                key: 'decide',
                render: (_: unknown, e: Extension) =>
                  e.state === 'pending' && is('supervisor') ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => approve(e)}>
                        批准
                      </Button>
                      <Button size="small" danger onClick={() => setRejecting(e)}>
                        驳回
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </AsyncView>
      <Modal
        open={asking}
        title="申请延期"
        okText="提交"
        cancelText="取消"
        onOk={submitRequest}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="deadline"
            label="期限"
            rules={[{ required: true, message: '请选择期限' }]}
          >
            <Select
              options={[...new Set(open.map((c) => c.kind))].map((k) => ({
                value: k,
                label: label(CLOCK_KIND_LABELS, k),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="days"
            label="延长天数"
            rules={[{ required: true, message: '请填写天数' }]}
          >
            <InputNumber min={1} max={366} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="理由"
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { min: 2, message: '理由至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <ReasonModal
        open={!!rejecting}
        title="驳回延期申请"
        label="驳回原因"
        okText="驳回"
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await api.rejectExtension(rejecting!.id, reason);
          extensions.reload();
        }}
      />
    </>
  );
}
