import { byId } from '../common/ui.ts';
import { completeSignIn } from './auth.ts';

const status = byId('callback-status');
try {
  const next = await completeSignIn(new URLSearchParams(location.search));
  location.replace(next);
} catch (error) {
  status.textContent = (error as Error).message;
  status.setAttribute('role', 'alert');
  byId('callback-retry').hidden = false;
}
