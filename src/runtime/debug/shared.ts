/**
 * Layout of the shared memory between the debug hooks (main thread) and the watchdog worker: the
 * heartbeat, the running task and code segment, and the block the worker has reported.
 * All values are small integers: times are ms since `epoch` (chosen when the debug tier starts).
 */
export const enum Slot {
  /** Last heartbeat of the main loop. */
  Heartbeat = 0,
  /** The running task: id (0: never parked), function site, creation site, await site its segment began at. */
  CurrentId = 1,
  CurrentFunction = 2,
  CurrentCreated = 3,
  CurrentResumedAt = 4,
  /** The last task that stopped running, and the site where (its await, or its function when it ended). */
  LastId = 5,
  LastFunction = 6,
  LastCreated = 7,
  LastSite = 8,
  /** 1 while a block reported by the worker waits for the main thread to report its end. */
  Latch = 9,
  /** When the reported block began (at the latest). */
  BlockStart = 10,
  /** Copy of CurrentId…LastSite taken when the block was reported (same order). */
  Latched = 11,
  Size = 19,
}

/** Number of task slots copied into the latch (CurrentId…LastSite). */
export const LATCHED_COUNT = 8;
