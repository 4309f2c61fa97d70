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

export const TIMELINE_LABELS: Record<string, string> = {
  'case.received': '收案',
  'case.routed': '分派',
  'case.returned': '退单',
  'case.offered': '派案',
  'case.accepted': '接受派案',
  'case.declined': '拒绝派案',
  'case.reassigned': '改派',
  'case.revealed': '查看完整号码',
  'case.closed': '办结',
  'case.reopened': '重办',
  'mediation.note': '添加内部备注',
  'mediation.attachment': '上传附件',
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
