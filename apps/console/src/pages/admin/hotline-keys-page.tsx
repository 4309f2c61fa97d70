import {
  Alert,
  Button,
  Card,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { HotlineKey } from '../../api/types';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';

/** The 12345 platform's signing keys: create (secret shown once), revoke. */
export function HotlineKeysPage() {
  const keys = useRequest(() => api.hotlineKeys(), []);
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<HotlineKey | null>(null);

  const create = async () => {
    try {
      setCreated(await api.createHotlineKey(description.trim()));
      setDescription('');
      keys.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  const revoke = async (keyId: string) => {
    try {
      await api.revokeHotlineKey(keyId);
      keys.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <Card>
      <PageHeader
        title="12345 对接密钥"
        extra={
          <>
            <Input
              placeholder="用途说明，如“市 12345 平台正式环境”"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              style={{ width: 280 }}
            />
            <Button type="primary" onClick={create}>
              新建密钥
            </Button>
          </>
        }
      />
      <AsyncView {...keys} isEmpty={(d) => d.items.length === 0} emptyText="暂无密钥">
        {(d) => (
          <Table
            rowKey="keyId"
            size="small"
            dataSource={d.items}
            pagination={false}
            scroll={{ x: 640 }}
            columns={[
              { title: '密钥编号', dataIndex: 'keyId' },
              { title: '用途', dataIndex: 'description', render: (v: string | null) => v ?? '—' },
              {
                title: '来源',
                dataIndex: 'source',
                render: (v: string) => (v === 'environment' ? '环境变量' : '管理员创建'),
              },
              { title: '创建时间', dataIndex: 'createdAt', render: formatTime },
              {
                title: '状态',
                dataIndex: 'revokedAt',
                render: (v: string | null) =>
                  v ? <Tag>已吊销</Tag> : <Tag color="green">有效</Tag>,
              },
              {
                title: '操作',
                key: 'a',
                render: (_: unknown, k: HotlineKey) =>
                  k.source === 'database' && !k.revokedAt ? (
                    <Popconfirm
                      title="吊销后 12345 平台用此密钥的请求将被拒绝，确定吊销？"
                      okText="吊销"
                      cancelText="取消"
                      onConfirm={() => revoke(k.keyId)}
                    >
                      <Button size="small" danger>
                        吊销
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </AsyncView>
      <Modal
        open={!!created}
        title="密钥已创建"
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            我已保存
          </Button>
        }
        onCancel={() => setCreated(null)}
      >
        <Alert
          type="warning"
          showIcon
          title="签名密钥只显示这一次，请立即交给 12345 平台。"
          style={{ marginBottom: 12 }}
        />
        <p>
          密钥编号：<Typography.Text copyable>{created?.keyId}</Typography.Text>
        </p>
        <p>
          签名密钥：
          <Typography.Text copyable code>
            {created?.secret}
          </Typography.Text>
        </p>
      </Modal>
    </Card>
  );
}
