// A bounded pool of async jobs, shared by the benches and the test harness.

/**
 * Runs `jobs` with at most `limit` in flight; results keep the jobs' order.
 * @template T
 * @param {readonly (() => Promise<T>)[]} jobs
 * @param {number} [limit]
 * @returns {Promise<T[]>}
 */
export async function pool(jobs, limit = 4) {
  /** @type {T[]} */
  const results = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
  return results;
}
