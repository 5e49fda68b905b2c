// expect: async-void 15
import { EventEmitter } from 'node:events';

interface Message {
  id: string;
  payload: string;
}

async function persist(message: Message): Promise<void> {
  if (message.payload.length > 1024) throw new Error('message too large');
  await new Promise((resolve) => setTimeout(resolve, 1));
}

export function attach(bus: EventEmitter): void {
  bus.on('message', async (message: Message) => {
    await persist(message);
    bus.emit('stored', message.id);
  });
}
