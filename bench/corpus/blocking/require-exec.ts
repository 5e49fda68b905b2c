// expect: blocking 8
import type { IncomingMessage } from 'node:http';

const { execSync } = require('node:child_process');

export async function diskUsage(req: IncomingMessage): Promise<string> {
  const dir = new URL(req.url ?? '/', 'http://localhost').searchParams.get('dir') ?? '.';
  return String(execSync(`du -sh ${JSON.stringify(dir)}`));
}
