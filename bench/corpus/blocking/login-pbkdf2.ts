// expect: blocking 17
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';

interface StoredUser {
  salt: Buffer;
  hash: Buffer;
}

async function findUser(name: string): Promise<StoredUser | undefined> {
  await new Promise((resolve) => setTimeout(resolve, 1, name));
  return undefined;
}

export async function login(name: string, password: string): Promise<boolean> {
  const user = await findUser(name);
  if (!user) return false;
  const hash = pbkdf2Sync(password, user.salt, 310_000, 32, 'sha256');
  return timingSafeEqual(hash, user.hash);
}
