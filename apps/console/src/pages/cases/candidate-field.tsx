import { Alert, Form } from 'antd';
import { describeError } from '../../api/api-error';
import type { RequestState } from '../../hooks/use-request';
import type { CandidateChoice } from './candidate-choices';
import { CandidateSelect } from './candidate-select';

/**
 * The person field (`mediatorId`) of a supervisor's naming dialog — reassigning a case, appointing
 * a co-mediator: the engine's candidates in a picker, a warning when they did not load, and, once
 * the choice breaks a rule a supervisor may set aside, which rule, before they submit.
 */
export function CandidateField({
  candidates,
  label,
  extra,
  requiredMessage,
  emptyText,
  overrideNote,
  testId,
}: {
  candidates: RequestState<CandidateChoice[] | undefined>;
  /** The field's label: who is named (调解员, 志愿律师). */
  label: string;
  extra: string;
  requiredMessage: string;
  emptyText: string;
  /** What overriding means for this dialog, under the rule's name. */
  overrideNote: string;
  /** `${testId}-select` and `${testId}-override`, for browser tests. */
  testId: string;
}) {
  const form = Form.useFormInstance();
  const chosenId = Form.useWatch('mediatorId', form) as string | undefined;
  const chosen = candidates.data?.find((c) => c.mediatorId === chosenId);
  return (
    <>
      {candidates.error !== undefined && (
        <Alert
          type="warning"
          showIcon
          title={`${label}名单加载失败：${describeError(candidates.error)}`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form.Item
        name="mediatorId"
        label={label}
        extra={extra}
        rules={[{ required: true, message: requiredMessage }]}
      >
        <CandidateSelect
          choices={candidates.data}
          loading={candidates.loading}
          notFoundContent={candidates.loading ? '加载中…' : emptyText}
          data-testid={`${testId}-select`}
        />
      </Form.Item>
      {chosen?.overrides && (
        <Alert
          type="warning"
          showIcon
          title={`${chosen.name}：${chosen.overrides}`}
          description={overrideNote}
          style={{ marginBottom: 16 }}
          data-testid={`${testId}-override`}
        />
      )}
    </>
  );
}
