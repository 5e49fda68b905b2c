// expect: none
import { setTimeout as delay } from 'node:timers/promises';

async function migrate(): Promise<void> {
  await delay(5);
}

(async () => {
  await migrate();
  console.log('migrated');
})().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
