import { download, requestJson, type Query } from './api-client';
import type {
  CalendarDay,
  CalendarYear,
  CaseAttachment,
  CaseCandidates,
  CaseDetail,
  CaseNote,
  CaseSummary,
  Clock,
  ClockPolicy,
  CoAppointResult,
  CoEndResult,
  DeadlineReport,
  Extension,
  HotlineImportReport,
  HotlineKey,
  MediationSession,
  Mediator,
  MediatorLoad,
  Me,
  NetworkImportReport,
  Notification,
  Offer,
  OfferRole,
  OrgUnit,
  Page,
  Payments,
  ReplyDraft,
  RevealedClaimant,
  Summary,
  SummaryRow,
  SummaryGroupBy,
  SupervisionOrder,
  TimelineItem,
  TokenPair,
  UnassignedCase,
  User,
} from './types';

const get = <T>(path: string, query?: Query) => requestJson<T>('GET', path, { query });
const post = <T>(path: string, body: unknown = {}) => requestJson<T>('POST', path, { body });
const patch = <T>(path: string, body: unknown) => requestJson<T>('PATCH', path, { body });
const upload = <T>(path: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return requestJson<T>('POST', path, { form });
};

export interface CloseCaseInput {
  outcome: string;
  reason?: string;
  handlingSummary: string;
  publicReply?: string;
  agreement?: {
    terms: string;
    amountAgreed: string;
    signedAt: string;
    instalments: { dueDate: string; amount: string }[];
  };
  referral?: { institution: string; referredAt: string; note?: string };
}

export interface RegisterCaseInput {
  channel: string;
  category: string;
  description: string;
  claimants: { name: string; phone: string; idNumber?: string }[];
  employer: { name: string; creditCode?: string; orgUnitId?: string };
  amountClaimed?: string;
  workerCount?: number;
  eventAddress?: string;
}

export interface SummaryQuery {
  orgUnitId?: string;
  from?: string;
  to?: string;
  groupBy: SummaryGroupBy;
}

/** Every API call the console makes, typed. */
export const api = {
  login: (username: string, password: string) =>
    requestJson<TokenPair>('POST', '/auth/login', {
      body: { username, password },
      anonymous: true,
    }),
  me: () => get<Me>('/me'),

  myOffers: () => get<{ items: Offer[] }>('/me/offers'),
  accept: (caseId: string) => post(`/cases/${caseId}/accept`),
  decline: (caseId: string, reason: string) => post(`/cases/${caseId}/decline`, { reason }),

  cases: (query: Query) => get<Page<CaseSummary>>('/cases', query),
  case: (id: string) => get<CaseDetail>(`/cases/${id}`),
  timeline: (id: string) => get<{ items: TimelineItem[] }>(`/cases/${id}/timeline`),
  reveal: (id: string, reason: string) =>
    post<{ claimants: RevealedClaimant[] }>(`/cases/${id}/reveal`, { reason }),
  route: (id: string, orgUnitId: string) => post(`/cases/${id}/route`, { orgUnitId }),
  returnCase: (id: string, reason: string) => post(`/cases/${id}/return`, { reason }),
  register: (input: RegisterCaseInput) => post<CaseSummary>('/cases', input),
  reassign: (id: string, mediatorId: string, reason: string) =>
    post(`/cases/${id}/reassign`, { mediatorId, reason }),
  /** The engine's ranking of who could take the case in `role`, and why not the others. */
  candidates: (id: string, role: OfferRole) =>
    get<CaseCandidates>(`/cases/${id}/candidates`, { role }),
  appointCoMediator: (id: string, mediatorId: string, reason: string) =>
    post<CoAppointResult>(`/cases/${id}/co-mediator`, { mediatorId, reason }),
  /** `seekAnother`: a collective dispute looks for another volunteer lawyer (the API's default). */
  endCoMediation: (id: string, reason: string, seekAnother = true) =>
    post<CoEndResult>(`/cases/${id}/co-mediator/end`, { reason, seekAnother }),

  clocks: (id: string) => get<{ items: Clock[] }>(`/cases/${id}/clocks`),
  extensions: (id: string) => get<{ items: Extension[] }>(`/cases/${id}/extensions`),
  /** Extension requests of the caller's subtree, oldest first (supervisors, admins). */
  extensionList: (query: Query) => get<Page<Extension & { caseNo: string }>>('/extensions', query),
  requestExtension: (id: string, deadline: string, days: number, reason: string) =>
    post(`/cases/${id}/extensions`, { deadline, days, reason }),
  approveExtension: (id: string, note?: string) =>
    post(`/extensions/${id}/approve`, note ? { note } : {}),
  rejectExtension: (id: string, reason: string) => post(`/extensions/${id}/reject`, { reason }),

  firstContact: (id: string, body: { contactedAt: string; mode: string; notes?: string }) =>
    post(`/cases/${id}/first-contact`, body),
  sessions: (id: string) => get<{ items: MediationSession[] }>(`/cases/${id}/sessions`),
  addSession: (id: string, body: MediationSession) => post(`/cases/${id}/sessions`, body),
  notes: (id: string) => get<{ items: CaseNote[] }>(`/cases/${id}/notes`),
  addNote: (id: string, body: string) => post<CaseNote>(`/cases/${id}/notes`, { body }),
  attachments: (id: string) => get<{ items: CaseAttachment[] }>(`/cases/${id}/attachments`),
  uploadAttachment: (id: string, file: File) =>
    upload<CaseAttachment>(`/cases/${id}/attachments`, file),
  /** Fetched with the bearer token (a plain link would carry none), saved under its own name. */
  downloadAttachment: (id: string, attachment: CaseAttachment) =>
    download(`/cases/${id}/attachments/${attachment.id}`, attachment.fileName),
  replyDraft: (id: string, outcome: string) =>
    get<ReplyDraft>(`/cases/${id}/reply-draft`, { outcome }),
  close: (id: string, body: CloseCaseInput) => post(`/cases/${id}/close`, body),
  agreementPdf: (id: string, caseNo: string) =>
    download(`/cases/${id}/agreement.pdf`, `调解协议书-${caseNo}.pdf`),
  payments: (id: string) => get<Payments>(`/cases/${id}/payments`),
  addPayment: (id: string, amount: string, paidAt: string) =>
    post(`/cases/${id}/payments`, { amount, paidAt }),

  importHotline: (file: File) => upload<HotlineImportReport>('/hotline/imports', file),
  importNetwork: (file: File) => upload<NetworkImportReport>('/network/import', file),

  orgUnit: (id: string) => get<OrgUnit>(`/org-units/${id}`),
  orgUnits: (query: Query) => get<Page<OrgUnit>>('/org-units', { pageSize: 200, ...query }),
  createOrgUnit: (body: Record<string, unknown>) => post<OrgUnit>('/org-units', body),
  mediators: (query: Query) => get<Page<Mediator>>('/mediators', query),
  createMediator: (body: Record<string, unknown>) => post<Mediator>('/mediators', body),
  updateMediator: (id: string, body: Record<string, unknown>) =>
    patch<Mediator>(`/mediators/${id}`, body),
  users: (query: Query) => get<Page<User>>('/users', query),
  createUser: (body: Record<string, unknown>) => post<User>('/users', body),
  updateUser: (id: string, body: Record<string, unknown>) => patch<User>(`/users/${id}`, body),
  hotlineKeys: () => get<{ items: HotlineKey[] }>('/hotline/keys'),
  createHotlineKey: (description: string) => post<HotlineKey>('/hotline/keys', { description }),
  revokeHotlineKey: (keyId: string) => requestJson('DELETE', `/hotline/keys/${keyId}`),
  calendarYears: () => get<{ items: CalendarYear[] }>('/calendar/years'),
  calendarYear: (year: number) =>
    get<CalendarYear & { days: CalendarDay[] }>(`/calendar/years/${year}`),
  putCalendarDay: (date: string, kind: string, name?: string) =>
    requestJson('PUT', `/calendar/days/${date}`, { body: { kind, name: name || null } }),
  deleteCalendarDay: (date: string) => requestJson('DELETE', `/calendar/days/${date}`),
  publishYear: (year: number) => post(`/calendar/years/${year}/publish`),
  clockPolicies: () => get<{ items: ClockPolicy[] }>('/clock-policies'),
  updateClockPolicy: (id: string, body: Record<string, unknown>) =>
    patch<ClockPolicy>(`/clock-policies/${id}`, body),

  unassigned: (query: Query) => get<Page<UnassignedCase>>('/assignment/unassigned', query),
  load: (query: Query) => get<Page<MediatorLoad>>('/assignment/load', query),
  supervisionOrders: (query: Query) => get<Page<SupervisionOrder>>('/supervision-orders', query),
  closeSupervisionOrder: (id: string, note: string) =>
    post(`/supervision-orders/${id}/close`, { note }),
  deadlineReport: (orgUnitId?: string) => get<DeadlineReport>('/reports/deadlines', { orgUnitId }),
  summary: (query: SummaryQuery) => get<Summary>('/reports/summary', { ...query }),
  trend: (orgUnitId: string | undefined, months: number) =>
    get<{ rows: SummaryRow[] }>('/reports/trend', { orgUnitId, months }),
  summaryXlsx: (query: SummaryQuery) =>
    download('/reports/summary.xlsx', `调处统计-${query.groupBy}.xlsx`, { query: { ...query } }),
  summaryCsv: (query: SummaryQuery) =>
    download('/reports/summary', `调处统计-${query.groupBy}.csv`, {
      query: { ...query },
      accept: 'text/csv',
    }),

  notifications: (query: Query) =>
    get<Page<Notification> & { unread: number }>('/me/notifications', query),
  readNotification: (id: string) => post(`/me/notifications/${id}/read`),
};
