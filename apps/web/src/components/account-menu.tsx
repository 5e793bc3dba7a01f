import { loadViewer } from '../lib/server-api';
import { signOut } from '../lib/session-actions';
import { HeaderLink } from './header-link';

/** Who is signed in, their account page (and for admins the users), and a way out; nothing when no one is. */
export async function AccountMenu() {
  const viewer = await loadViewer();
  if (!viewer) return null;
  const { user } = viewer;
  return (
    <div className="account-menu" data-testid="account-menu">
      <nav aria-label="Account" className="account-links">
        {viewer.role === 'ADMIN' && (
          <HeaderLink href="/users" testId="users-link">
            Users
          </HeaderLink>
        )}
        <HeaderLink href="/account" testId="account-link">
          Account
        </HeaderLink>
      </nav>
      <span className="account-user">
        <span className="visually-hidden">Signed in as </span>
        <span data-testid="signed-in-user" title={user.email}>
          {user.name}
        </span>{' '}
        <span className="muted account-email">{user.email}</span>
      </span>
      <form action={signOut}>
        <button type="submit" className="button button-quiet">
          Sign out
        </button>
      </form>
    </div>
  );
}
