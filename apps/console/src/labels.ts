/** Chinese labels for the API's enum values. */

export const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员',
  supervisor: '督导',
  intake: '受理员',
  mediator: '调解员',
  volunteer: '志愿律师',
};

export const STATUS_LABELS: Record<string, string> = {
  triage: '待分派',
  queued: '待派案',
  offered: '已派案待接受',
  in_mediation: '调解中',
  closed: '已办结',
  returned: '已退单',
};

export const STATUS_COLORS: Record<string, string> = {
  triage: 'orange',
  queued: 'gold',
  offered: 'blue',
  in_mediation: 'processing',
  closed: 'default',
  returned: 'red',
};

export const OUTCOME_LABELS: Record<string, string> = {
  settled: '调解成功',
  failed: '调解不成',
  withdrawn: '撤回',
  rejected: '不予受理',
  referred_arbitration: '转仲裁',
  referred_litigation: '转诉讼',
  referred_inspection: '转劳动监察',
};

export const CATEGORY_LABELS: Record<string, string> = {
  labor_relation: '确认劳动关系',
  contract: '劳动合同',
  wages: '劳动报酬',
  social_insurance: '社会保险',
  work_injury: '工伤',
  dismissal: '除名辞退辞职',
  working_time: '工时休假',
  welfare: '福利培训劳动保护',
  other: '其他',
};

export const CHANNEL_LABELS: Record<string, string> = {
  hotline: '12345 热线',
  walk_in: '来访',
  online: '网上申请',
  union_hotline: '12351 职工热线',
  court_referral: '法院委派',
};

export const CLOCK_KIND_LABELS: Record<string, string> = {
  hotline_sign_for: '12345 签收',
  first_contact: '首次联系',
  hotline_reply: '12345 办结回复',
  mediation_limit: '法定调解期限',
  judicial_confirmation: '司法确认',
  agreement_performance: '协议履行',
  limitation: '仲裁时效',
};

export const CLOCK_STATE_LABELS: Record<string, string> = {
  running: '进行中',
  warned: '预警',
  breached: '超时',
  met: '按时完成',
  paused: '已暂停',
};

export const CLOCK_STATE_COLORS: Record<string, string> = {
  running: 'blue',
  warned: 'orange',
  breached: 'red',
  met: 'green',
  paused: 'default',
};

export const LEVEL_LABELS: Record<string, string> = {
  district: '区/县',
  town: '镇/街道',
  village: '村/社区',
  enterprise: '企业',
};

export const MEDIATOR_KIND_LABELS: Record<string, string> = {
  union_staff: '工会专职调解员',
  village_mediator: '村（社区）调解员',
  enterprise_mediator: '企业调解委员会委员',
  volunteer_lawyer: '志愿律师',
};

/**
 * Why a mediator is not a fit, by `ExclusionReason` code (the texts of libs/assignment
 * `EXCLUSION_LABELS`), e.g. the rules a supervisor overrode. Keyed by string, as every map here:
 * test/console-labels.e2e-spec.ts imports this file under Node's module rules.
 */
export const EXCLUSION_LABELS: Record<string, string> = {
  out_of_coverage: '不负责该案件所在地区',
  below_town_level: '集体劳动争议由镇（街道）及以上调解',
  not_volunteer_lawyer: '协同调解须为志愿律师',
  is_lead: '已是本案主调解员',
  inactive: '已停用',
  unavailable: '暂不可用（休假等）',
  no_skill: '不擅长该争议类别',
  law_firm_conflict: '所在律所代理被申请人，须回避',
  declined_before: '曾拒绝本案',
  expired_before: '曾超时未响应本案',
  released_before: '曾退出本案协同调解',
  at_capacity: '在办案件已满',
  employed_by_respondent: '所在单位即被申请人，须回避',
};

export const REPLY_STATE_LABELS: Record<string, string> = {
  none: '无需回复',
  pending: '待送达',
  delivered: '已送达',
  failing: '送达失败，重试中',
};

export const SESSION_MODE_LABELS: Record<string, string> = {
  in_person: '当面',
  phone: '电话',
  video: '视频',
};

/** Every event a case's timeline can show (test/console-labels.e2e-spec.ts keeps it complete). */
export const TIMELINE_LABELS: Record<string, string> = {
  'case.received': '收案',
  'case.triaged': '待分流',
  'case.queued': '进入待派队列',
  'case.routed': '分派',
  'case.returned': '退单',
  'case.closed': '办结',
  'case.reopened': '重办',
  'cluster.alert': '同一用人单位集中投诉预警',
  'assignment.offered': '派案',
  'assignment.co_offered': '邀请律师协同调解',
  'assignment.no_candidate': '暂无合适调解员',
  'assignment.co_none': '暂无合适协同律师',
  'assignment.accepted': '接受派案',
  'assignment.co_accepted': '律师接受协同调解',
  'assignment.declined': '拒绝派案',
  'assignment.expired': '派案超时未接',
  'assignment.withdrawn': '派案撤回',
  'assignment.reassigned': '改派',
  'assignment.co_appointed': '指定协同律师',
  'assignment.co_ended': '协同调解结束',
  'mediation.first_contact': '首次联系申请人',
  'mediation.session': '调解',
  'mediation.note': '添加内部备注',
  'mediation.attachment': '上传附件',
  'mediation.payment': '登记履行款项',
  'mediation.instalment_paid': '一期款项履行完毕',
  'mediation.payment_default': '逾期未履行',
  'deadline.warned': '期限预警',
  'deadline.breached': '期限超时',
  'deadline.paused': '期限中止',
  'deadline.resumed': '期限恢复',
  'deadline.extension_requested': '申请延期',
  'deadline.extension_approved': '延期获批',
  'deadline.extension_rejected': '延期未获批',
  'deadline.supervision_opened': '督办',
  'deadline.supervision_closed': '督办办结',
  'hotline.feedback': '12345 回访',
  'hotline.reply_delivered': '12345 回复已送达',
  'hotline.reply_failing': '12345 回复送达失败',
};

/** The types the API accepts for attachments (it tells them by content). */
export const ATTACHMENT_TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
  'text/plain; charset=utf-8': '纯文本',
};

export const label = (map: Record<string, string>, key: string | null | undefined): string =>
  key ? (map[key] ?? key) : '—';
