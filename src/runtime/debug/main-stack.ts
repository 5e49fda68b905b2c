/**
 * The main thread's stack at the moment of a block, for the watchdog worker (opt-in: `stack`).
 * An inspector session connected to the main thread (`connectToMainThread`, worker-only) pauses it
 * — inspector messages reach a thread busy in JavaScript through V8 interrupts — reads the top
 * frames and resumes it at once. The session is connected and the debugger on only for that moment:
 * an enabled debugger makes every async call about 8x slower, and a session still connected at
 * `process.exit()` makes Node print "Waiting for the debugger to disconnect...". Frames are mapped
 * to the original source through the script's source map, when it has one.
 *
 * A thread blocked in native code (`readFileSync`, `execSync`, `Atomics.wait`) handles the messages
 * only when it is back in JavaScript, that is after the block: then nothing is paused, or a late
 * pause is resumed at once and its frames are dropped (`stillBlocked`).
 */
import { readFileSync } from 'node:fs';
import { Session, type Debugger } from 'node:inspector';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { displayPath, type StackFrame } from './report';

/** Top frames kept: enough to see the blocking call and who made it. */
const MAX_FRAMES = 8;

interface Script {
  url: string;
  sourceMapURL: string;
}

function fileUrl(url: string): URL | null {
  try {
    return url.startsWith('/') ? pathToFileURL(url) : new URL(url);
  } catch {
    return null;
  }
}

function readMap(mapUrl: URL): SourceMap | null {
  let text: string;
  if (mapUrl.protocol === 'data:') {
    const comma = mapUrl.pathname.indexOf(',');
    const header = mapUrl.pathname.slice(0, comma);
    const body = decodeURIComponent(mapUrl.pathname.slice(comma + 1));
    text = header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : body;
  } else if (mapUrl.protocol === 'file:') {
    text = readFileSync(fileURLToPath(mapUrl), 'utf8');
  } else {
    return null;
  }
  return new SourceMap(JSON.parse(text) as SourceMapPayload);
}

function frameAt(name: string, url: string, line: number, column: number): StackFrame {
  const parsed = fileUrl(url);
  const path = parsed?.protocol === 'file:' ? fileURLToPath(parsed) : null;
  return { function: name === '' ? '<anonymous>' : name, file: path === null ? url : displayPath(path), path, line, column };
}

/** What kind of callback the loop was running, as far as the bottom of the main thread's stack tells. */
export type CallbackKind = 'timer' | 'immediate' | 'next-tick' | 'io' | 'microtask' | 'module-loading';

/**
 * Classifies a paused stack (frames innermost first) by its outermost JavaScript frames, which are
 * Node's own dispatchers: timers' `listOnTimeout`/`processTimers`, `processImmediate`, the nextTick
 * queue's `processTicksAndRejections`, the module loader; any other `node:` dispatcher (streams, sockets,
 * `fs` callbacks, event emitters) is an I/O callback; a stack with no `node:` frame at its bottom was
 * entered from native code with no JavaScript dispatcher, which in a running loop is a promise job.
 */
export function callbackKind(frames: readonly { functionName: string; url: string }[]): CallbackKind | null {
  if (frames.length === 0) return null;
  for (let i = frames.length - 1; i >= 0; i--) {
    const { functionName, url } = frames[i]!;
    if (url === 'node:internal/timers') {
      if (functionName === 'processImmediate') return 'immediate';
      if (functionName === 'listOnTimeout' || functionName === 'processTimers') return 'timer';
    }
    if (url === 'node:internal/process/task_queues' && functionName === 'processTicksAndRejections') return 'next-tick';
    if (url.startsWith('node:internal/modules/')) return 'module-loading';
  }
  return frames[frames.length - 1]!.url.startsWith('node:') ? 'io' : 'microtask';
}

export class MainThreadStack {
  /** Script ids stay valid for the process's life: what one capture learns serves the next. */
  private readonly scripts = new Map<string, Script>();
  private readonly maps = new Map<string, SourceMap | null>();
  private busy = false;

  /**
   * Pauses the main thread, takes its top frames and resumes it. `done` gets the frames, or null
   * when the thread did not pause while `stillBlocked()` (or a capture is already under way).
   */
  capture(stillBlocked: () => boolean, done: (frames: StackFrame[] | null, callback?: CallbackKind | null) => void): void {
    if (this.busy) return done(null);
    const session = new Session();
    try {
      session.connectToMainThread();
    } catch {
      return done(null);
    }
    this.busy = true;
    let finished = false;
    const finish = (frames: StackFrame[] | null, callback: CallbackKind | null = null): void => {
      if (finished) return;
      finished = true;
      session.post('Debugger.disable', () => {
        session.disconnect();
        this.busy = false;
      });
      done(frames, callback);
    };
    // Enabling reports every script already loaded: that is where a frame's URL comes from.
    session.on('Debugger.scriptParsed', ({ params }) => {
      this.scripts.set(params.scriptId, { url: params.url, sourceMapURL: params.sourceMapURL ?? '' });
    });
    session.post('Debugger.enable', (error) => {
      if (error !== null || !stillBlocked()) return finish(null);
      session.once('Debugger.paused', ({ params }) => {
        // Resume before anything else: the program is stopped until then.
        session.post('Debugger.resume');
        let frames: StackFrame[] | null = null;
        let callback: CallbackKind | null = null;
        if (stillBlocked()) {
          try {
            frames = params.callFrames.slice(0, MAX_FRAMES).map((frame) => this.frame(frame));
            callback = callbackKind(params.callFrames.map((frame) => ({ functionName: frame.functionName, url: this.scripts.get(frame.location.scriptId)?.url || frame.url })));
          } catch {
            frames = null;
          }
        }
        finish(frames, callback);
      });
      session.post('Debugger.pause', (pauseError) => {
        if (pauseError !== null) finish(null);
      });
    });
  }

  private frame(frame: Debugger.CallFrame): StackFrame {
    const { scriptId, lineNumber, columnNumber = 0 } = frame.location;
    const script = this.scripts.get(scriptId);
    const url = script?.url || frame.url || `<script ${scriptId}>`;
    const mapped = script === undefined ? null : this.original(script, lineNumber, columnNumber);
    if (mapped !== null) return frameAt(frame.functionName, mapped.url, mapped.line, mapped.column);
    return frameAt(frame.functionName, url, lineNumber + 1, columnNumber + 1);
  }

  /** The 1-based position in the original source, through the script's source map; null without one. */
  private original(script: Script, line: number, column: number): { url: string; line: number; column: number } | null {
    if (script.sourceMapURL === '') return null;
    const base = fileUrl(script.url);
    if (base === null) return null;
    let map = this.maps.get(script.url);
    if (map === undefined) {
      try {
        map = readMap(new URL(script.sourceMapURL, base));
      } catch {
        map = null;
      }
      this.maps.set(script.url, map);
    }
    if (map === null) return null;
    const entry = map.findEntry(line, column);
    if (!('originalSource' in entry)) return null;
    const root = map.payload.sourceRoot ?? '';
    const source = new URL(root === '' ? entry.originalSource : `${root.replace(/\/?$/, '/')}${entry.originalSource}`, base);
    return { url: source.href, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
}
