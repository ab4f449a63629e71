import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/endpoints';
import { isApiError } from '../api/http';
import { tokenStore } from '../api/token-store';
import type { Me, Role } from '../api/types';

export type AuthStatus = 'loading' | 'authenticated' | 'anonymous' | 'error';

interface AuthValue {
  status: AuthStatus;
  me: Me | null;
  error: unknown;
  /** the user logged out themselves (so /login should not send the next user back to their page) */
  loggedOut: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  hasAnyRole(roles: readonly Role[] | 'all'): boolean;
  retry(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

interface State {
  status: AuthStatus;
  me: Me | null;
  error?: unknown;
  loggedOut?: boolean;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>(() =>
    tokenStore.hasSession() ? { status: 'loading', me: null } : { status: 'anonymous', me: null },
  );
  const [attempt, setAttempt] = useState(0);

  // Restore the session of a reload / new tab: GET /auth/me (the client refreshes the token if needed).
  useEffect(() => {
    if (state.status !== 'loading') return;
    const controller = new AbortController();
    authApi.me(controller.signal).then(
      (me) => setState({ status: 'authenticated', me }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && (error.status === 401 || error.status === 403)) {
          tokenStore.clear();
          setState({ status: 'anonymous', me: null });
        } else {
          setState({ status: 'error', me: null, error });
        }
      },
    );
    return () => controller.abort();
  }, [state.status, attempt]);

  useEffect(() => tokenStore.onForcedLogout(() => setState({ status: 'anonymous', me: null })), []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await authApi.login(username, password);
    tokenStore.set(session);
    setState({ status: 'authenticated', me: session.user });
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      if (tokenStore.getRefresh()) await authApi.logout();
    } catch {
      // the server may be unreachable or the token already revoked; the local session ends regardless
    } finally {
      tokenStore.clear();
      setState({ status: 'anonymous', me: null, loggedOut: true });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading', me: null });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<AuthValue>(() => {
    const roles = state.me?.roles ?? [];
    return {
      status: state.status,
      me: state.me,
      error: state.error,
      loggedOut: !!state.loggedOut,
      login,
      logout,
      retry,
      hasAnyRole: (allowed) =>
        allowed === 'all' ? roles.length > 0 : allowed.some((r) => roles.includes(r)),
    };
  }, [state, login, logout, retry]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** For components rendered only inside the authenticated shell. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
