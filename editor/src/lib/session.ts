import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** A role of the rules API (see the API's auth section). */
export type Role = 'admin' | 'editor' | 'approver' | 'analyst' | 'caseworker';

/** The signed-in official: the login token, who it belongs to and until when it holds. */
export interface Session {
  token: string;
  username: string;
  roles: Role[];
  /** Epoch milliseconds after which the token no longer works. */
  expiresAt: number;
}

interface SessionState {
  session: Session | null;
  /** Why the last session ended, shown on the login screen. */
  ended: 'expired' | 'signed-out' | null;
  signIn: (session: Session) => void;
  /** Ends the session; what the official typed stays in the draft store (localStorage). */
  end: (why: 'expired' | 'signed-out') => void;
}

/** The session lives in sessionStorage: a reload keeps it, closing the tab forgets the token. */
export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      session: null,
      ended: null,
      signIn: (session) => set({ session, ended: null }),
      end: (why) => set({ session: null, ended: why }),
    }),
    {
      name: 'rules-editor.session',
      storage: createJSONStorage(() => sessionStorage),
      // A token that expired while the tab was closed or asleep is not used again.
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<SessionState>;
        if (saved.session && saved.session.expiresAt <= Date.now())
          return { ...current, session: null, ended: 'expired' };
        return { ...current, ...saved };
      },
    },
  ),
);

/** The current session, or null. */
export const useSession = (): Session | null => useSessionStore((s) => s.session);

/** True when the signed-in official holds any of `roles`. */
export function hasRole(session: Session | null, ...roles: Role[]): boolean {
  return !!session && roles.some((role) => session.roles.includes(role));
}
