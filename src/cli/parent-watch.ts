/**
 * Notices that the process which started kabar has died. `npm start` makes kabar npm's child;
 * when npm is killed with SIGKILL it cannot pass anything on, and kabar (with its embedded
 * redis-server) would run on, orphaned, with nobody left to stop it. An orphan is re-parented (to
 * init, or to the nearest subreaper), so its parent pid changes: polling that is cheap and works
 * on every Unix, without a pipe or a native call.
 */

/** Options of {@link watchParent}. */
export interface ParentWatchOptions {
  /** How often to look. Default 1 s: the delay between the parent's death and kabar's stop. */
  everyMs?: number;
  /** The current parent pid (default `process.ppid`, which Node reads afresh each time). */
  parentPid?: () => number;
}

/** A running watch. */
export interface ParentWatch {
  /** The parent pid watched. */
  parentPid: number;
  stop(): void;
}

/**
 * Calls `onGone` once, with the old and the new parent pid, when the parent pid changes. Returns
 * `undefined` (nothing to watch) when the parent is already init or none (pid 1 or 0: a
 * container's PID 1, a daemon, a process orphaned before it started). The timer is unref'd, so
 * the watch never keeps the process alive by itself.
 */
export function watchParent(onGone: (was: number, now: number) => void, options: ParentWatchOptions = {}): ParentWatch | undefined {
  const current = options.parentPid ?? ((): number => process.ppid);
  const parentPid = current();
  if (parentPid <= 1) return undefined;
  const timer = setInterval(() => {
    const now = current();
    if (now === parentPid) return;
    clearInterval(timer);
    onGone(parentPid, now);
  }, options.everyMs ?? 1_000);
  timer.unref();
  return { parentPid, stop: () => clearInterval(timer) };
}
