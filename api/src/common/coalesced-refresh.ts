/**
 * Makes `load` safe to call at any time: calls never overlap. A call made while a load runs gets a
 * load that starts after it (so it sees changes committed meanwhile); every call made during the
 * same load shares that one rerun. A failed load is the caller's to handle and does not block the next.
 * @example const refresh = coalescedRefresh(() => this.reload()); await refresh();
 */
export function coalescedRefresh(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    if (running) {
      again ??= running
        .catch(() => undefined)
        .then(() => {
          again = null;
          return refresh();
        });
      return again;
    }
    running = load().finally(() => {
      running = null;
    });
    return running;
  };
  return refresh;
}
