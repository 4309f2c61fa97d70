import { Alert, Button, Form, Input, Modal, Select, message } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import { api } from '../../api/endpoints';
import type { CaseDetail, CoAppointResult, MediatorLoad } from '../../api/types';
import { useRequest } from '../../hooks/use-request';
import { EXCLUSION_LABELS, label } from '../../labels';

interface AppointForm {
  mediatorId: string;
  reason: string;
}

const FORM_FIELDS: readonly string[] = ['mediatorId', 'reason'] satisfies (keyof AppointForm)[];

/**
 * Volunteer lawyers who may co-mediate the case, by the API's hard rules, with why the others
 * cannot: the lawyer's home unit must contain the case's unit (its id is on the unit's path),
 * and be neither the lead nor the current co-mediator, active and available. Soft rules (skill,
 * an earlier decline…) are the supervisor's call; the API reports them as warnings.
 */
function lawyerOptions(
  lawyers: MediatorLoad[],
  unitPath: string,
  detail: Pick<CaseDetail, 'mediatorId' | 'offer' | 'coMediators'>,
  now: number,
) {
  const lead = detail.mediatorId ?? detail.offer?.mediatorId;
  const current = new Set(detail.coMediators.map((m) => m.mediatorId));
  return lawyers
    .filter((m) => m.kind === 'volunteer_lawyer' && unitPath.includes(`/${m.orgUnitId}/`))
    .map((m) => {
      const barred =
        m.mediatorId === lead
          ? EXCLUSION_LABELS.is_lead
          : current.has(m.mediatorId)
            ? '已在协同调解本案'
            : !m.active
              ? EXCLUSION_LABELS.inactive
              : m.unavailableUntil && Date.parse(m.unavailableUntil) > now
                ? EXCLUSION_LABELS.unavailable
                : null;
      return {
        value: m.mediatorId,
        name: m.name,
        label: `${m.name}（${m.orgUnitName}，在办 ${m.load}/${m.capacity}${barred ? `，${barred}` : ''}）`,
        disabled: barred !== null,
      };
    });
}

/**
 * Appoints a volunteer lawyer as the case's co-mediator at once (supervisor), with a reason.
 * Rules the supervisor overrode come back as warnings, shown before the modal closes.
 */
export function AppointCoMediatorModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<AppointForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CoAppointResult>();
  // Lawyers usually sit at the district, above the case's unit: the load view narrowed to that
  // unit would list it and the units below only. So the caller's whole reach, then coverage.
  const lawyers = useRequest(
    () =>
      Promise.all([api.load({ pageSize: 200 }), api.orgUnit(detail.orgUnitId)]).then(
        ([load, unit]) => lawyerOptions(load.items, unit.path, detail, Date.now()),
      ),
    [detail.orgUnitId],
  );

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.appointCoMediator(detail.id, v.mediatorId, v.reason.trim());
      void message.success('已指定协同律师');
      onDone();
      if (done.warnings.length > 0 || done.overCapacity) setResult(done);
      else onClose();
    } catch (err) {
      // The API's field messages show under their fields; the rest above the form.
      const fields = err instanceof ApiError ? err.details : [];
      const placed = fields.filter((d) => FORM_FIELDS.includes(d.field));
      form.setFields(
        placed.map((d) => ({ name: d.field as keyof AppointForm, errors: [d.message] })),
      );
      setError(
        err instanceof ApiError && placed.length > 0 && placed.length === fields.length
          ? err.message
          : describeError(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const chosen = result && lawyers.data?.find((o) => o.value === result.mediatorId);
  return (
    <Modal
      open={open}
      title={`指定协同律师 ${detail.caseNo}`}
      okText="指定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                知道了
              </Button>,
            ]
          : undefined
      }
    >
      {result ? (
        <Alert
          type="warning"
          showIcon
          title={`已指定${chosen?.name ?? ''}为协同律师，请注意：`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="co-appoint-warnings">
              {result.warnings.map((w) => (
                <li key={w}>{label(EXCLUSION_LABELS, w)}</li>
              ))}
              {result.overCapacity && (
                <li>
                  超出容量：指定后在办 {result.load}/{result.capacity}
                </li>
              )}
            </ul>
          }
        />
      ) : (
        <>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="co-appoint-error"
            />
          )}
          {lawyers.error !== undefined && (
            <Alert
              type="warning"
              showIcon
              title={`律师名单加载失败：${describeError(lawyers.error)}`}
              style={{ marginBottom: 12 }}
            />
          )}
          <Form form={form} layout="vertical">
            <Form.Item
              name="mediatorId"
              label="志愿律师"
              extra="只列出负责该案件所在地区的志愿律师；替换现任协同律师，撤回未答复的协同派案。"
              rules={[{ required: true, message: '请选择志愿律师' }]}
            >
              <Select
                loading={lawyers.loading}
                showSearch
                optionFilterProp="label"
                options={lawyers.data ?? []}
                notFoundContent={lawyers.loading ? '加载中…' : '没有负责该地区的志愿律师'}
                data-testid="co-mediator-select"
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label="指定原因"
              rules={[
                { required: true, whitespace: true, message: '请填写指定原因' },
                { min: 2, message: '指定原因至少 2 个字' },
                { max: 500, message: '指定原因不超过 500 字' },
              ]}
            >
              <Input.TextArea rows={3} placeholder="例如：集体争议涉及社保补缴，请律师协同调解" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
