// expect: async-void 9
interface Feed {
  latest(): Promise<string[]>;
}

const seen = new Set<string>();

export function pollFeed(feed: Feed, everyMs: number): NodeJS.Timeout {
  return setInterval(async () => {
    for (const item of await feed.latest()) {
      if (!seen.has(item)) {
        seen.add(item);
        console.log('new item', item);
      }
    }
  }, everyMs);
}
