/**
 * Switches the debug tier on: debug hooks, rejection and exit watchers, watchdog.
 * Loaded only when debug mode is asked for, so the always-on runtime never pays for it.
 */
import { DEFAULT_OPTIONS, optionsFromEnv, resolveOptions, type DebugOptions, type ResolvedOptions } from './config';
import { installDebugHooks, setSiteListener } from './debug-hooks';
import { watchExit } from './exit-report';
import { renameSuspect, setNeverAwaitedReporter } from './never-awaited';
import { setNameListener } from '../registry';
import { configureOutput, emitReport, outputSettings, writeNotice } from './output';
import { watchRejections } from './rejections';
import { sendSites, sendTaskName, sharedView, startWatchdog, stopWatchdog } from './watchdog';

let enabled = false;
let current: ResolvedOptions | null = null;

/** What the watchdog worker is started with: a change restarts it. */
function watchdogKey(options: ResolvedOptions): string {
  return JSON.stringify([options.watchdog, options.slowMs, options.stack, options.output, options.format, options.onReport === null]);
}

export function isEnabled(): boolean {
  return enabled;
}

export function enable(options: DebugOptions | undefined): { enabled: boolean; problems: string[] } {
  const problems: string[] = [];
  try {
    // The environment once, at the first call; a later call changes only the options it gives
    // (a second `enableDebug({ slowMs })` keeps an earlier `onReport`).
    let base = current;
    if (base === null) {
      const env = optionsFromEnv(process.env);
      problems.push(...env.problems);
      base = resolveOptions(env.options, DEFAULT_OPTIONS, 'environment').options;
    }
    const resolved = resolveOptions(options, base);
    problems.push(...resolved.problems);
    const opts = resolved.options;
    const restart = opts.watchdog && (current === null || watchdogKey(current) !== watchdogKey(opts));
    // Before the output changes: the old worker must not write to a descriptor that is closed (or reused).
    if (restart || !opts.watchdog) stopWatchdog();
    problems.push(...configureOutput(opts));
    for (const problem of problems) writeNotice(problem);
    if (!enabled) {
      installDebugHooks(sharedView);
      // nameTask() after the call: the watchdog's worker and a never-awaited report use the new name.
      setNameListener((task, name) => {
        sendTaskName(task, name);
        renameSuspect(task, name);
      });
      enabled = true;
    }
    setNeverAwaitedReporter(emitReport);
    watchRejections(emitReport);
    watchExit(emitReport, opts.strict);
    if (opts.watchdog) {
      if (restart) startWatchdog({ slowMs: opts.slowMs, stack: opts.stack, ...outputSettings() }, emitReport, writeNotice);
      setSiteListener(sendSites);
    } else {
      setSiteListener(null);
    }
    current = opts;
  } catch (error) {
    const message = `debug mode could not start: ${error instanceof Error ? error.message : String(error)}`;
    problems.push(message);
    writeNotice(message);
  }
  return { enabled, problems };
}
