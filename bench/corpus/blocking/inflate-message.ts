// expect: blocking 7
import { inflateSync } from 'node:zlib';
import { EventEmitter } from 'node:events';

export function decodeMessages(source: EventEmitter, onMessage: (text: string) => void): void {
  source.on('frame', (frame: Buffer) => {
    onMessage(inflateSync(frame).toString('utf8'));
  });
}
