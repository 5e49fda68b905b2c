// Machine instructions of one Node process under `valgrind --tool=callgrind`, in `node --predictable`
// (V8's deterministic mode: no concurrent compiler or GC threads, fixed seeds). Unlike CPU time the
// count barely moves with other load on the machine; it does not weigh instructions by their cost.
import { spawn } from 'node:child_process';

/**
 * Resolves to the instruction count (and the process's stdout), or rejects with valgrind's output.
 * @param {string[]} nodeArgs
 * @param {{ cwd?: string, nodeFlags?: string[] }} [options]
 * @returns {Promise<{ instructions: number, stdout: string }>}
 */
export function countInstructions(nodeArgs, { cwd, nodeFlags = ['--predictable'] } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...nodeFlags, ...nodeArgs], {
      cwd, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', (error) => reject(new Error(`valgrind could not start (is it installed?): ${error.message}`)));
    child.on('close', () => {
      const collected = /Collected : (\d+)/.exec(stderr);
      if (collected === null) reject(new Error(`valgrind reported no count for node ${nodeArgs.join(' ')}:\n${stderr.slice(-2000)}`));
      else resolvePromise({ instructions: Number(collected[1]), stdout });
    });
  });
}

/** Runs `jobs` (functions returning promises) `width` at a time, results in order. */
export async function inParallel(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}
