/**
 * `loopwatch/runtime`: the hooks object instrumented code calls, and the public task API.
 * Loading it is cheap and has no side effect beyond creating the per-process registry.
 */
export { hooks, Task, TaskState, SiteKind, type Hooks } from './hooks';
export {
  tasks, currentTask, nameTask, where, whereInfo, liveTaskCount,
  type TaskInfo, type WhereInfo, type FinishedTask, type TaskRef, type SiteInfo,
} from './tasks';
export { printTasks, formatTasks, formatAge } from './format-table';
export { formatSite } from './sites';
// Debug tier (src/runtime/debug/): also switches it on when LOOPWATCH_DEBUG=1.
export { enableDebug, isDebugEnabled, onReport, watchdogReady, type DebugOptions, type EnableResult, type Report } from './debug/index';
