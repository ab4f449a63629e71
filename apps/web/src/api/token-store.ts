import type { Session } from './types';

/**
 * Where the tokens live: the short-lived access token in sessionStorage (per tab), the rotating refresh token in
 * localStorage (shared by tabs, so a new tab can refresh its way in). Logging out in one tab logs out the others.
 */
const ACCESS_KEY = 'ipe.accessToken';
const REFRESH_KEY = 'ipe.refreshToken';

type Listener = () => void;
const logoutListeners = new Set<Listener>();

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}
function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // storage unavailable: tokens only live as long as the page
  }
}

export const tokenStore = {
  getAccess(): string | null {
    return read(() => sessionStorage, ACCESS_KEY);
  },
  getRefresh(): string | null {
    return read(() => localStorage, REFRESH_KEY);
  },
  hasSession(): boolean {
    return this.getAccess() !== null || this.getRefresh() !== null;
  },
  set(session: Pick<Session, 'accessToken' | 'refreshToken'>): void {
    write(() => sessionStorage, ACCESS_KEY, session.accessToken);
    write(() => localStorage, REFRESH_KEY, session.refreshToken);
  },
  clear(): void {
    write(() => sessionStorage, ACCESS_KEY, null);
    write(() => localStorage, REFRESH_KEY, null);
  },
  /** Called when the session ends without the user asking (refresh failed, other tab logged out). */
  onForcedLogout(listener: Listener): () => void {
    logoutListeners.add(listener);
    return () => logoutListeners.delete(listener);
  },
  forceLogout(): void {
    this.clear();
    if (logoutListeners.size === 0) {
      if (window.location.pathname !== '/login') window.location.assign('/login');
      return;
    }
    logoutListeners.forEach((fn) => fn());
  },
};

// Another tab logged out (removed the shared refresh token): end this tab's session too.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && event.newValue === null && event.storageArea === localStorage) {
    tokenStore.forceLogout();
  }
});
