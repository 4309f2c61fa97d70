import { Alert, DatePicker, Form, Input, Modal, Select, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { api, type CloseCaseInput } from '../../api/endpoints';
import type { CaseDetail } from '../../api/types';
import { OUTCOME_LABELS } from '../../labels';
import { AgreementFields } from './agreement-fields';

interface CloseForm {
  outcome: string;
  reason?: string;
  handlingSummary: string;
  publicReply?: string;
  agreement?: {
    terms: string;
    amountAgreed: number;
    signedAt: Dayjs;
    instalments: { dueDate: Dayjs; amount: number }[];
  };
  referral?: { institution: string; referredAt: Dayjs; note?: string };
}

const OUTCOMES = Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }));
const REFERRAL_DEFAULT: Record<string, string> = {
  referred_arbitration: '劳动人事争议仲裁委员会',
  referred_litigation: '人民法院',
  referred_inspection: '劳动保障监察机构',
};

const money = (n: number) => n.toFixed(2);

/** Closes a case: outcome, summary, the public reply (hotline), the agreement or the referral. */
export function CloseCaseModal({
  detail,
  open,
  onClose,
  onClosed,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onClosed: () => void;
}) {
  const [form] = Form.useForm<CloseForm>();
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const onOutcome = async (value: string) => {
    if (REFERRAL_DEFAULT[value])
      form.setFieldValue(['referral', 'institution'], REFERRAL_DEFAULT[value]);
    if (!detail.hotline) return;
    // The hotline reply draft follows the outcome; the mediator may edit it.
    try {
      const draft = await api.replyDraft(detail.id, value);
      form.setFieldsValue({
        handlingSummary: draft.handlingSummary,
        publicReply: draft.publicReply,
      });
    } catch {
      /* no draft: the mediator writes it */
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body: CloseCaseInput = {
      outcome: v.outcome,
      handlingSummary: v.handlingSummary.trim(),
      ...(v.reason?.trim() && { reason: v.reason.trim() }),
      ...(v.publicReply?.trim() && { publicReply: v.publicReply.trim() }),
    };
    if (v.outcome === 'settled' && v.agreement) {
      body.agreement = {
        terms: v.agreement.terms.trim(),
        amountAgreed: money(v.agreement.amountAgreed),
        signedAt: v.agreement.signedAt.toISOString(),
        instalments: v.agreement.instalments.map((i) => ({
          dueDate: i.dueDate.format('YYYY-MM-DD'),
          amount: money(i.amount),
        })),
      };
    }
    if (REFERRAL_DEFAULT[v.outcome] && v.referral) {
      body.referral = {
        institution: v.referral.institution.trim(),
        referredAt: v.referral.referredAt.toISOString(),
        ...(v.referral.note?.trim() && { note: v.referral.note.trim() }),
      };
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.close(detail.id, body);
      void message.success('案件已办结');
      onClosed();
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
      title={`办结案件 ${detail.caseNo}`}
      okText="办结"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      okButtonProps={{ id: 'close-submit' }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 12 }}
          data-testid="close-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          agreement: { signedAt: dayjs(), instalments: [{}] },
          referral: { referredAt: dayjs() },
        }}
      >
        <Form.Item
          name="outcome"
          label="办结结果"
          rules={[{ required: true, message: '请选择办结结果' }]}
        >
          <Select options={OUTCOMES} onChange={onOutcome} data-testid="close-outcome" />
        </Form.Item>
        {outcome && outcome !== 'settled' && (
          <Form.Item
            name="reason"
            label="原因"
            rules={[
              {
                required: outcome === 'failed' || outcome === 'rejected',
                whitespace: true,
                message: '请填写原因',
              },
            ]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
        {outcome === 'settled' && <AgreementFields />}
        {outcome && REFERRAL_DEFAULT[outcome] && (
          <>
            <Form.Item
              name={['referral', 'institution']}
              label="转至机构"
              rules={[{ required: true, message: '请填写机构' }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name={['referral', 'referredAt']}
              label="转出日期"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker />
            </Form.Item>
            <Form.Item name={['referral', 'note']} label="说明">
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="handlingSummary"
          label="办理情况"
          rules={[{ required: true, whitespace: true, message: '请填写办理情况' }]}
        >
          <Input.TextArea rows={3} data-testid="close-summary" />
        </Form.Item>
        {detail.hotline && (
          <Form.Item
            name="publicReply"
            label="12345 公开答复"
            rules={[{ required: true, whitespace: true, message: '请填写公开答复' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
