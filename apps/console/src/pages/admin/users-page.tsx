import { Button, Card, Form, Input, Modal, Select, Switch, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { OrgUnitTreeSelect } from '../../components/org-unit-tree-select';
import { PageHeader } from '../../components/page-header';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { ROLE_LABELS } from '../../labels';
import type { User } from '../../api/types';
import { EditUserModal } from './edit-user-modal';

/** Users and their roles: list, search, create, enable/disable. */
export function UsersPage() {
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const users = useRequest(() => api.users({ q, ...paging }), [q, paging.page, paging.pageSize]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [form] = Form.useForm();

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api.createUser({
        ...v,
        orgUnitId: v.orgUnitId ?? null,
        ...(v.mediatorId ? {} : { mediatorId: undefined }),
      });
      void message.success('已创建用户');
      setCreating(false);
      form.resetFields();
      users.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  const toggle = async (id: string, active: boolean) => {
    try {
      await api.updateUser(id, { active });
      users.reload();
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <Card>
      <PageHeader
        title="用户与角色"
        extra={
          <>
            <Input.Search
              placeholder="用户名或姓名"
              allowClear
              onSearch={(v) => {
                setQ(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              style={{ width: 220 }}
            />
            <Button type="primary" onClick={() => setCreating(true)}>
              新增用户
            </Button>
          </>
        }
      />
      <AsyncView {...users}>
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={d.items}
            scroll={{ x: 700 }}
            locale={{ emptyText: '没有用户' }}
            pagination={{
              current: d.page,
              pageSize: d.pageSize,
              total: d.total,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              {
                title: '角色',
                dataIndex: 'roles',
                render: (v: string[]) => v.map((r) => <Tag key={r}>{ROLE_LABELS[r] ?? r}</Tag>),
              },
              { title: '创建时间', dataIndex: 'createdAt', render: formatTime },
              {
                title: '启用',
                dataIndex: 'active',
                render: (v: boolean, u) => (
                  <Switch size="small" checked={v} onChange={(on) => toggle(u.id, on)} />
                ),
              },
              {
                title: '操作',
                key: 'edit',
                render: (_: unknown, u: User) => (
                  <Button size="small" onClick={() => setEditing(u)}>
                    编辑
                  </Button>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
      <Modal
        open={creating}
        title="新增用户"
        okText="保存"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9_.-]{3,64}$/i,
                message: '3–64 位字母、数字或 _ . -',
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="displayName"
            label="姓名"
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label="初始密码"
            rules={[{ required: true, min: 10, message: '密码至少 10 个字符' }]}
          >
            <Input.Password />
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
      {editing && (
        <EditUserModal user={editing} onClose={() => setEditing(null)} onSaved={users.reload} />
      )}
    </Card>
  );
}
