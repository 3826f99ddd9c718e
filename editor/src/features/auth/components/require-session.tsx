import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { useSessionStore } from '@/lib/session';

/**
 * Shows `children` to a signed-in official; otherwise (never signed in, signed out, or the token
 * expired) the login, which brings them back here afterwards.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSessionStore((s) => s.session);
  const end = useSessionStore((s) => s.end);
  const location = useLocation();
  useEffect(() => {
    if (!session) return;
    const left = session.expiresAt - Date.now();
    const timer = setTimeout(() => end('expired'), Math.max(0, Math.min(left, 2_147_000_000)));
    return () => clearTimeout(timer);
  }, [session, end]);
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
