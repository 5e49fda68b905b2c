/** Sign-up and log-in: password hashing and the welcome mail. */
import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { settings, welcomeTemplate } from './config';
import type { Mailer } from './mailer';

const pbkdf2Async = promisify(pbkdf2);
const randomBytesAsync = promisify(randomBytes);

export interface User {
  email: string;
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  // BUG(no-blocking-call): pbkdf2Sync computes the whole hash on the event loop; every request waits.
  return pbkdf2Sync(password, salt, settings.passwordIterations, 32, 'sha256');
}

export async function verifyPassword(user: User, password: string): Promise<boolean> {
  // OK: the async pbkdf2 runs on the libuv thread pool.
  const hash = await pbkdf2Async(password, user.salt, settings.passwordIterations, 32, 'sha256');
  return timingSafeEqual(hash, user.hash);
}

export async function sendWelcomeMail(mailer: Mailer, user: User): Promise<void> {
  // BUG(no-floating-promises): the welcome mail is never awaited; if sending fails, nobody hears of it.
  mailer.sendMail(user.email, 'Welcome!', welcomeTemplate.replace('{email}', user.email));
}

export async function sendPasswordChangedMail(mailer: Mailer, user: User): Promise<void> {
  // OK: awaited, so a failure reaches the caller.
  await mailer.sendMail(user.email, 'Your password was changed', 'If this was not you, tell us.');
}

export async function signup(db: Map<string, User>, mailer: Mailer, email: string, password: string): Promise<User> {
  const salt = await randomBytesAsync(16);
  const user = { email, salt, hash: await hashPassword(password, salt) };
  db.set(email, user);
  await sendWelcomeMail(mailer, user);
  return user;
}

export async function login(db: Map<string, User>, email: string, password: string): Promise<boolean> {
  const user = db.get(email);
  return user !== undefined && (await verifyPassword(user, password));
}
