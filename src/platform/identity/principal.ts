/** The three network segments of 三層の対策 (DESIGN §5). */
export const ZONES = ['individual-number', 'lgwan', 'internet'] as const;
export type Zone = (typeof ZONES)[number];

/**
 * Who is making a request, once authenticated. Staff act for their own 団体 with the permissions of
 * their roles; an operator spans 団体 with the platform's operator permissions only (no business data);
 * an integration client acts for one 団体 with the scopes of its token.
 */
export interface Principal {
  kind: 'staff' | 'operator' | 'client';
  id: string;
  /** Login name or client id, as the audit log records the actor. */
  name: string;
  tenantCode: string | null;
  permissions: ReadonlySet<string>;
  /** The session (staff, operator) — absent for token-authenticated clients. */
  sessionId?: string;
  /** Cookie sessions must present the CSRF token on state-changing requests. */
  csrfToken?: string;
  secondFactor: boolean;
  /** Set after an administrator's reset: until changed, only the authentication routes are open. */
  mustChangePassword?: boolean;
}

/** Permissions of the platform itself, beside those each module declares. */
export const platformPermissions: Record<string, string> = {
  'identity:manage-users': '利用者の登録・変更・停止・パスワード初期化',
  'identity:manage-roles': '役割（権限の組）の設定',
  'identity:manage-clients': '連携クライアントの登録・停止',
  'audit:read': '監査ログの参照・分析',
  'jobs:read': 'バッチジョブの参照',
  'jobs:run': 'バッチジョブの投入・取消し・再開',
  'events:operate': '配信不能イベントの参照・再配信',
};

/** What an operator may do: run the platform for every 団体, never read their business data. */
export const operatorPermissions: ReadonlySet<string> = new Set([
  'tenants:read',
  'tenants:manage',
  'jobs:read',
  'jobs:run',
  'events:operate',
  'identity:manage-users',
  'operator:read',
  'operator:manage',
]);
