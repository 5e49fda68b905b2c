// Machine instructions of one Node process under `valgrind --tool=callgrind`, in `node --predictable`
// (V8's deterministic mode: no concurrent compiler or GC threads, fixed seeds). Unlike CPU time the
// count barely moves with other load on the machine; it does not weigh instructions by their cost.
import { spawn } from 'node:child_process';

/**
 * Resolves to the instruction count, or rejects with valgrind's output.
 * @param {string[]} nodeArgs
 * @param {{ cwd?: string, nodeFlags?: string[], env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<number>}
 */
export function countInstructions(nodeArgs, { cwd, nodeFlags = ['--predictable'], env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...nodeFlags, ...nodeArgs], {
      cwd, env, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', (error) => reject(new Error(`valgrind could not start (is it installed?): ${error.message}`)));
    child.on('close', () => {
      const collected = /Collected : (\d+)/.exec(stderr);
      if (collected === null) reject(new Error(`valgrind reported no count for node ${nodeArgs.join(' ')}:\n${stderr.slice(-2000)}`));
      else resolvePromise(Number(collected[1]));
    });
  });
}
