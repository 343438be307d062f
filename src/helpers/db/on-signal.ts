// Cleanup that also runs when Jenkins aborts a build (SIGTERM, SIGINT, SIGHUP): no passfile or half-written dump is left behind.
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * Runs `cleanup` if the process is signalled before the returned release function is called; then re-raises
 * the signal, so the process still ends as the signal demands (no process.exit here).
 */
export function cleanupOnSignal(cleanup: () => void): () => void {
  const release = (): void => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  function handler(signal: NodeJS.Signals): void {
    release();
    try {
      cleanup();
    } finally {
      process.kill(process.pid, signal);
    }
  }
  for (const signal of SIGNALS) process.on(signal, handler);
  return release;
}
