import { Select, type SelectProps, Space, Tag, Typography } from 'antd';
import { formatTime } from '../../format';
import { LEVEL_LABELS, MEDIATOR_KIND_LABELS, label } from '../../labels';
import type { CandidateChoice } from './candidate-choices';

interface ChoiceOption {
  value: string;
  /** Shown once chosen, and what the search matches. */
  label: string;
  /** Lets a browser test find the option by the person's name. */
  title: string;
  disabled: boolean;
  choice: CandidateChoice;
}

/** Where a fitting mediator sits relative to the case's unit. */
const distanceText = (distance: number) => (distance === 0 ? '本单位' : `上 ${distance} 级单位`);

/** The figures behind someone's place (ranked) or the detail of the rule they break. */
function facts(choice: CandidateChoice): string {
  const r = choice.ranked;
  if (r) {
    return [
      label(MEDIATOR_KIND_LABELS, r.kind),
      `${label(LEVEL_LABELS, r.level)}（${distanceText(r.distance)}）`,
      `在办 ${r.load}/${r.capacity}`,
    ].join(' · ');
  }
  const detail = choice.exclusion?.detail;
  if (detail?.load !== undefined && detail.capacity !== undefined) {
    return `在办 ${detail.load}/${detail.capacity}`;
  }
  if (typeof detail?.until === 'string') return `至 ${formatTime(detail.until)}`;
  return '';
}

function toOption(choice: CandidateChoice): ChoiceOption {
  const r = choice.ranked;
  return {
    value: choice.mediatorId,
    label: r ? `${choice.name}（在办 ${r.load}/${r.capacity}）` : choice.name,
    title: choice.name,
    disabled: choice.barred !== null,
    choice,
  };
}

function ChoiceRow({ choice }: { choice: CandidateChoice }) {
  const rank = choice.ranked?.rank;
  const line = facts(choice);
  return (
    <div data-testid={`candidate-${choice.mediatorId}`}>
      <Space size={4} wrap>
        <span>{rank ? `${rank}. ${choice.name}` : choice.name}</span>
        {rank === 1 && <Tag color="green">引擎首选</Tag>}
        {choice.barred !== null && <Tag>{choice.barred}</Tag>}
        {choice.overrides !== null && <Tag color="orange">{`需越过：${choice.overrides}`}</Tag>}
      </Space>
      {line && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {line}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * A Select of the engine's candidates for a case: those who fit, in its order, then those who do
 * not, each with the rule they break. The barred ones show but cannot be chosen; choosing one
 * who breaks a soft rule is allowed (the form says it is an override).
 */
export function CandidateSelect({
  choices,
  ...select
}: Omit<SelectProps<string>, 'options' | 'optionRender' | 'showSearch'> & {
  choices: CandidateChoice[] | undefined;
}) {
  const fits = (choices ?? []).filter((c) => c.ranked);
  const others = (choices ?? []).filter((c) => !c.ranked);
  const groups = [
    { label: '符合派案规则（按派案引擎排序）', options: fits.map(toOption) },
    { label: '不符合派案规则', options: others.map(toOption) },
  ].filter((g) => g.options.length > 0);
  return (
    <Select<string>
      {...select}
      showSearch={{ optionFilterProp: 'label' }}
      options={groups}
      optionRender={(option) => <ChoiceRow choice={(option.data as ChoiceOption).choice} />}
      listHeight={320}
    />
  );
}
