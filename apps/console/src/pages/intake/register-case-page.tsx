import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Result, Select, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, describeError } from '../../api/api-error';
import { api, type RegisterCaseInput } from '../../api/endpoints';
import type { CaseSummary } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS, label } from '../../labels';

const CHANNELS = ['walk_in', 'online', 'union_hotline', 'court_referral'].map((value) => ({
  value,
  label: CHANNEL_LABELS[value],
}));
const CATEGORIES = Object.entries(CATEGORY_LABELS).map(([value, text]) => ({ value, label: text }));
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

interface RegisterForm {
  channel: string;
  category: string;
  description: string;
  claimants: { name: string; phone: string; idNumber?: string }[];
  employer: { name: string; creditCode?: string };
  amountClaimed?: number;
  workerCount?: number;
  eventAddress?: string;
}

/** Registers a walk-in / online / 12351 / court-referred case; validation messages in Chinese. */
export function RegisterCasePage() {
  const [form] = Form.useForm<RegisterForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<CaseSummary | null>(null);

  const submit = async (v: RegisterForm) => {
    const body: RegisterCaseInput = {
      channel: v.channel,
      category: v.category,
      description: v.description.trim(),
      claimants: v.claimants.map((c) => ({
        name: c.name.trim(),
        phone: c.phone.trim(),
        ...(c.idNumber?.trim() && { idNumber: c.idNumber.trim().toUpperCase() }),
      })),
      employer: {
        name: v.employer.name.trim(),
        ...(v.employer.creditCode?.trim() && {
          creditCode: v.employer.creditCode.trim().toUpperCase(),
        }),
      },
      ...(v.amountClaimed && { amountClaimed: v.amountClaimed.toFixed(2) }),
      ...(v.workerCount && { workerCount: v.workerCount }),
      ...(v.eventAddress?.trim() && { eventAddress: v.eventAddress.trim() }),
    };
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await api.register(body));
    } catch (err) {
      if (err instanceof ApiError && err.details.length > 0) {
        // Field errors from the API show under the fields they belong to.
        form.setFields(
          err.details.map((d) => ({
            name: d.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [d.message],
          })) as never,
        );
      }
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Card>
        <Result
          status="success"
          title={`已登记：${created.caseNo}`}
          subTitle={`状态：${label(STATUS_LABELS, created.status)}`}
          extra={[
            <Link key="open" to={`/cases/${created.id}`}>
              <Button type="primary">查看案件</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                setCreated(null);
                form.resetFields();
              }}
            >
              继续登记
            </Button>,
          ]}
        />
      </Card>
    );
  }

  return (
    <Card>
      <PageHeader title="登记来访案件" />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'walk_in', claimants: [{}] }}
        style={{ maxWidth: 760 }}
        scrollToFirstError
      >
        <Space wrap styles={{ item: { minWidth: 220 } }}>
          <Form.Item
            name="channel"
            label="受理渠道"
            rules={[{ required: true, message: '请选择受理渠道' }]}
          >
            <Select options={CHANNELS} />
          </Form.Item>
          <Form.Item
            name="category"
            label="争议类别"
            rules={[{ required: true, message: '请选择争议类别' }]}
          >
            <Select options={CATEGORIES} placeholder="请选择" data-testid="register-category" />
          </Form.Item>
        </Space>
        <Form.Item
          name="description"
          label="诉求内容"
          rules={[
            { required: true, whitespace: true, message: '请填写诉求内容' },
            { max: 10000, message: '不超过 10000 字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="申请人反映……（未填的金额、人数会从中识别）" />
        </Form.Item>
        <Form.List name="claimants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={i === 0 ? '申请人姓名' : undefined}
                    rules={[
                      { required: true, whitespace: true, message: '请填写申请人姓名' },
                      { max: 50, message: '不超过 50 字' },
                    ]}
                  >
                    <Input placeholder="姓名" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={i === 0 ? '联系电话' : undefined}
                    rules={[
                      { required: true, message: '请填写联系电话' },
                      { pattern: PHONE, message: '请填写正确的手机号或带区号的固定电话' },
                    ]}
                  >
                    <Input placeholder="手机号" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'idNumber']}
                    label={i === 0 ? '身份证号（选填）' : undefined}
                    rules={[{ pattern: ID_NUMBER, message: '身份证号应为 18 位' }]}
                  >
                    <Input placeholder="18 位身份证号" style={{ width: 200 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined
                      onClick={() => remove(field.name)}
                      aria-label="删除申请人"
                    />
                  )}
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加申请人
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Space wrap styles={{ item: { minWidth: 260 } }}>
          <Form.Item
            name={['employer', 'name']}
            label="用人单位名称"
            rules={[{ required: true, whitespace: true, message: '请填写用人单位名称' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name={['employer', 'creditCode']}
            label="统一社会信用代码（选填）"
            rules={[{ pattern: CREDIT_CODE, message: '应为 18 位统一社会信用代码' }]}
          >
            <Input />
          </Form.Item>
        </Space>
        <Space wrap styles={{ item: { minWidth: 200 } }}>
          <Form.Item name="amountClaimed" label="诉求金额（元，选填）">
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="workerCount" label="涉及人数（选填）">
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="eventAddress"
          label="事发地址（选填）"
          rules={[{ max: 500, message: '不超过 500 字' }]}
        >
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
          登记
        </Button>
      </Form>
    </Card>
  );
}
