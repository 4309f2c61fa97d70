import type { Role } from '../api/types';

export interface MenuEntry {
  path: string;
  label: string;
  roles: Role[];
  group: string;
}

/** The console's screens, by role. */
export const MENU: MenuEntry[] = [
  { path: '/offers', label: '待接受派案', roles: ['mediator', 'volunteer'], group: '我的工作' },
  { path: '/my-cases', label: '我的案件', roles: ['mediator', 'volunteer'], group: '我的工作' },
  { path: '/triage', label: '待分派工单', roles: ['intake', 'admin'], group: '受理' },
  { path: '/intake/register', label: '登记来访案件', roles: ['intake', 'admin'], group: '受理' },
  { path: '/intake/import', label: '导入 12345 工单', roles: ['intake', 'admin'], group: '受理' },
  { path: '/dashboard', label: '调处统计', roles: ['supervisor', 'admin'], group: '督导' },
  {
    path: '/supervision/deadlines',
    label: '超时与预警',
    roles: ['supervisor', 'admin'],
    group: '督导',
  },
  {
    path: '/supervision/unassigned',
    label: '待派案件与负荷',
    roles: ['supervisor', 'admin'],
    group: '督导',
  },
  { path: '/supervision/orders', label: '督办', roles: ['supervisor', 'admin'], group: '督导' },
  { path: '/cases', label: '案件查询', roles: ['intake', 'supervisor', 'admin'], group: '案件' },
  { path: '/admin/network', label: '调解网络', roles: ['admin'], group: '系统管理' },
  { path: '/admin/users', label: '用户与角色', roles: ['admin'], group: '系统管理' },
  { path: '/admin/hotline-keys', label: '12345 对接密钥', roles: ['admin'], group: '系统管理' },
  { path: '/admin/calendar', label: '工作日历', roles: ['admin'], group: '系统管理' },
  { path: '/admin/clock-policies', label: '期限规则', roles: ['admin'], group: '系统管理' },
];
