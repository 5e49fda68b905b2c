/**
 * Layout of the shared memory between the debug hooks (main thread) and the watchdog worker: the
 * heartbeat, the running task and code segment, and the block the worker has reported.
 * All values are small integers: times are ms since `epoch` (chosen when the debug tier starts).
 * The hooks write as little as they can on a switch (debug-hooks.ts); `snapshot` turns it into
 * "the running task, or the last one that ran" when a block is reported.
 */
export const enum Slot {
  /** Last heartbeat of the main loop. */
  Heartbeat = 0,
  /** The task that runs, or ran last: id, function site, creation site, await site its segment began at. */
  CurrentId = 1,
  CurrentFunction = 2,
  CurrentCreated = 3,
  CurrentResumedAt = 4,
  /** 1 while that task runs; 0 once it stopped at `StopSite` (its await, or its function when it ended). */
  Running = 5,
  StopSite = 6,
  /**
   * First segments open: instrumented functions entered and not parked or ended yet (the innermost
   * runs). `Entered + i` holds the function site of the i-th (only the first ENTERED_SLOTS are kept).
   */
  Depth = 7,
  Entered = 8,
  /** 1 while a block reported by the worker waits for the main thread to report its end. */
  Latch = 16,
  /** When the reported block began (at the latest). */
  BlockStart = 17,
  /** `snapshot` taken when the block was reported. */
  Latched = 18,
  Size = 26,
}

export const ENTERED_SLOTS = 8;

/** Number of slots in a snapshot: id, function, created, resumedAt, lastId, lastFunction, lastCreated, lastSite. */
export const LATCHED_COUNT = 8;

/** The running code as [id, fn, created, resumedAt, lastId, lastFn, lastCreated, lastSite] (fn 0: no task runs). */
export function snapshot(view: Int32Array): number[] {
  const depth = view[Slot.Depth]!;
  if (depth > 0) {
    // The first segment of an entered function (it has no id or creation site yet).
    return [0, view[Slot.Entered + Math.min(depth, ENTERED_SLOTS) - 1]!, 0, 0, 0, 0, 0, 0];
  }
  const task = [view[Slot.CurrentId]!, view[Slot.CurrentFunction]!, view[Slot.CurrentCreated]!];
  if (view[Slot.Running] === 1) return [...task, view[Slot.CurrentResumedAt]!, 0, 0, 0, 0];
  return [0, 0, 0, 0, ...task, view[Slot.StopSite]!];
}
