import { useCallback, useState } from 'react';

const read = (storageKey: string): string => {
  try {
    return localStorage.getItem(storageKey) ?? '';
  } catch {
    return '';
  }
};

/**
 * A text kept in this browser's localStorage under `storageKey` (e.g. the document number of one
 * comparison's annex): read when the key changes, written on every change; an empty text is removed.
 */
export function useStoredText(storageKey: string): [string, (value: string) => void] {
  const [state, setState] = useState(() => ({ storageKey, value: read(storageKey) }));
  // A new key (another comparison) reads its own text, during render rather than in an effect.
  const current = state.storageKey === storageKey ? state : { storageKey, value: read(storageKey) };
  if (current !== state) setState(current);
  const setValue = useCallback(
    (value: string) => {
      setState({ storageKey, value });
      try {
        if (value) localStorage.setItem(storageKey, value);
        else localStorage.removeItem(storageKey);
      } catch {
        // A browser that refuses storage keeps the number for this page only.
      }
    },
    [storageKey],
  );
  return [current.value, setValue];
}
