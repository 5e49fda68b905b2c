// expect: none
import { EventEmitter } from 'node:events';

interface Audit {
  write(entry: string): Promise<void>;
}

// The listener cannot reject: every failure is caught and logged inside it.
export function auditLogins(auth: EventEmitter, audit: Audit): void {
  auth.on('login', async (user: string) => {
    try {
      await audit.write(`login ${user}`);
    } catch (err) {
      console.error('audit write failed', err);
    }
  });
}
