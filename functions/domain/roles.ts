/**
 * Staff roles. In the cloud each role is a Cognito user-pool group; locally the identity issuer
 * puts the same group names in the `cognito:groups` claim.
 */
export const roles = ['clerk', 'chief', 'leader', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  clerk: '窗口工作人员',
  chief: '首席代表',
  leader: '分管领导',
  supervisor: '电子监察',
  admin: '系统管理员',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
