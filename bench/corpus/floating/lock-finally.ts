// expect: floating 26
class Mutex {
  private locked = false;

  async acquire(): Promise<() => void> {
    while (this.locked) await new Promise((resolve) => setTimeout(resolve, 1));
    this.locked = true;
    return () => {
      this.locked = false;
    };
  }
}

const mutex = new Mutex();

async function rebuildIndex(): Promise<void> {
  const release = await mutex.acquire();
  try {
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    release();
  }
}

export function scheduleRebuild(): void {
  rebuildIndex().finally(() => console.log('rebuild attempted'));
}
