/**
 * Runs a Node child process to completion, collecting its output; killed after `timeoutMs` (20 s) so a
 * hang fails the test. A child that compiles a whole project (jest with ts-jest, webpack, ts-node) is
 * given more: on a loaded 2-core machine one ts-jest type-checking run took 17 s before its exit.
 */
import { spawn } from 'node:child_process';

/** A child that compiles a project first. */
export const COMPILING_CHILD_TIMEOUT_MS = 120_000;

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
