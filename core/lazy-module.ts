/**
 * A package loaded on its first use instead of at startup. Spreadsheet, PDF and NATS libraries take
 * a large share of a process's start (exceljs alone ~0.5 s of CPU) and most processes never call
 * them; every test system starts seven processes, and a crashed one must be back within seconds.
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
