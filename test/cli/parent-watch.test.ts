import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchParent } from '../../src/cli/parent-watch.js';

describe('watchParent', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports once, with the old and the new parent pid, when the parent pid changes (the parent died)', () => {
    vi.useFakeTimers();
    let parent = 4242;
    const gone: Array<[number, number]> = [];
    const watch = watchParent((was, now) => gone.push([was, now]), { parentPid: () => parent, everyMs: 1_000 });
    expect(watch?.parentPid).toBe(4242);
    vi.advanceTimersByTime(5_000);
    expect(gone).toEqual([]);
    parent = 1;
    vi.advanceTimersByTime(1_000);
    parent = 77;
    vi.advanceTimersByTime(5_000);
    expect(gone).toEqual([[4242, 1]]);
  });

  it('watches nothing when the parent is already init or none (a container PID 1, a daemon)', () => {
    const onGone = vi.fn();
    expect(watchParent(onGone, { parentPid: () => 1 })).toBeUndefined();
    expect(watchParent(onGone, { parentPid: () => 0 })).toBeUndefined();
  });

  it('reports nothing once stopped', () => {
    vi.useFakeTimers();
    let parent = 4242;
    const onGone = vi.fn();
    watchParent(onGone, { parentPid: () => parent })?.stop();
    parent = 1;
    vi.advanceTimersByTime(10_000);
    expect(onGone).not.toHaveBeenCalled();
  });

  it('watches the real parent by default', () => {
    const watch = watchParent(() => undefined);
    expect(watch?.parentPid).toBe(process.ppid);
    watch?.stop();
  });
});
