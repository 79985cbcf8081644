/**
 * The menu: each screen with its group, its shortcut (Alt+key) and the permission it needs; the
 * shell shows those the operator has. The first focusable input of a screen has id `<id>-start`.
 */
import type { ComponentType } from 'react';
import { ResidentSearchScreen } from './pages/ResidentSearch';
import { MoveInScreen, ForeignResidentScreen } from './procedures/screens';
import { Users, USERS_PERMISSION } from './pages/admin/Users';
import { Roles, ROLES_PERMISSION } from './pages/admin/Roles';
import { AuditLog, AUDIT_PERMISSION } from './pages/admin/AuditLog';
import { Jobs, JOBS_PERMISSION } from './pages/admin/Jobs';
import { Dashboard, OPERATOR_READ } from './pages/operator/Dashboard';
import { Municipalities, OPERATOR_MANAGE } from './pages/operator/Municipalities';
import { Progress } from './pages/operator/Progress';
import { Costs } from './pages/operator/Costs';

export interface Screen {
  id: string;
  label: string;
  group: '住民記録' | '管理' | '運用';
  key?: string;
  permission: string;
  Component: ComponentType;
}

export const MENU: Screen[] = [
  // The operator's console (src/operator): operator accounts only, which hold operator:*; first, so an operator
  // starts on the dashboard (staff never see these).
  { id: 'operator-dashboard', label: '運用ダッシュボード', group: '運用', permission: OPERATOR_READ, Component: Dashboard },
  { id: 'municipalities', label: '団体の受入れ', group: '運用', permission: OPERATOR_MANAGE, Component: Municipalities },
  { id: 'progress', label: '移行の進捗', group: '運用', permission: OPERATOR_MANAGE, Component: Progress },
  { id: 'costs', label: '費用と削減効果', group: '運用', permission: OPERATOR_MANAGE, Component: Costs },
  { id: 'resident-search', label: '住民検索', group: '住民記録', key: 's', permission: 'resident-registry:read', Component: ResidentSearchScreen },
  { id: 'move-in', label: '転入届', group: '住民記録', key: 'n', permission: 'resident-registry:record', Component: MoveInScreen },
  { id: 'foreign-resident', label: '外国人住民の届出', group: '住民記録', key: 'f', permission: 'resident-registry:record', Component: ForeignResidentScreen },
  { id: 'users', label: '利用者管理', group: '管理', permission: USERS_PERMISSION, Component: Users },
  { id: 'roles', label: 'ロール', group: '管理', permission: ROLES_PERMISSION, Component: Roles },
  { id: 'audit-log', label: '監査ログ', group: '管理', permission: AUDIT_PERMISSION, Component: AuditLog },
  { id: 'jobs', label: 'ジョブ', group: '管理', permission: JOBS_PERMISSION, Component: Jobs },
];
