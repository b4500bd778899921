/** Every desk page: require a signed-in user, show who it is, wire the sign-out button. */

import { byId } from '../common/ui.ts';
import { type DeskUser, requireUser, signOut } from './auth.ts';

export const roleLabels: Record<string, string> = {
  clerk: '窗口工作人员',
  chief: '首席代表',
  leader: '分管领导',
  supervisor: '电子监察',
  admin: '系统管理员',
};

export async function startDesk(): Promise<DeskUser> {
  const user = await requireUser();
  const roles = user.roles.map((role) => roleLabels[role] ?? role).join('、');
  byId('desk-user').textContent = `${user.name}（${roles}${user.window ? `，${user.window} 窗口` : ''}）`;
  const button = byId<HTMLButtonElement>('desk-signout');
  button.hidden = false;
  button.addEventListener('click', () => void signOut());
  return user;
}

export function deskStatus(): HTMLElement {
  return byId('desk-status');
}
