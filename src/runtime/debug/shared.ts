/**
 * Layout of the shared memory between the debug hooks (main thread) and the watchdog worker: the
 * heartbeat, the first segments open, and the block the worker has reported. The running task and
 * the await its segment began at are in the always-on tier's own shared memory (`state.running`,
 * hooks.ts `RunningSlot`), which the worker reads too: the debug tier does not wrap park/resume.
 * All values are small integers: times are ms since `epoch` (chosen when the debug tier starts).
 * `snapshot` turns both into "the running task, or the last one that ran" when a block is reported.
 */
import { RunningSlot } from '../hooks';

export const enum Slot {
  /** Last heartbeat of the main loop. */
  Heartbeat = 0,
  /**
   * First segments open: instrumented functions entered and not parked or ended yet (the innermost
   * runs), as of the always-on tier's `RunningSlot.FirstParks` count `ParksSeen`; later first parks
   * ended that many more. `Entered + i` holds the function site of the i-th (only the first ENTERED_SLOTS are kept).
   */
  Depth = 1,
  ParksSeen = 2,
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

/** First segments open, given the first parks counted since the debug hooks last looked. */
export function firstSegmentsOpen(depth: number, parksSeen: number, firstParks: number): number {
  return Math.max(0, depth - ((firstParks - parksSeen) | 0));
}

/** The running code as [id, fn, created, resumedAt, lastId, lastFn, lastCreated, lastSite] (fn 0: no task runs). */
export function snapshot(view: Int32Array, running: Int32Array): number[] {
  const depth = firstSegmentsOpen(view[Slot.Depth]!, view[Slot.ParksSeen]!, running[RunningSlot.FirstParks]!);
  if (depth > 0) {
    // The first segment of an entered function (it has no id or creation site yet).
    return [0, view[Slot.Entered + Math.min(depth, ENTERED_SLOTS) - 1]!, 0, 0, 0, 0, 0, 0];
  }
  const task = [running[RunningSlot.LastId]!, running[RunningSlot.Function]!, running[RunningSlot.Created]!];
  if (running[RunningSlot.Id] !== 0) return [...task, running[RunningSlot.Site]!, 0, 0, 0, 0];
  return [0, 0, 0, 0, ...task, running[RunningSlot.Site]!];
}
