// expect: blocking 11
import { randomBytes, scryptSync } from 'node:crypto';
import { createApp } from '../support/mini-express';

const app = createApp();
const users = new Map<string, { salt: string; key: string }>();

app.post('/register', (req, res) => {
  const { name, password } = req.body as { name: string; password: string };
  const salt = randomBytes(16).toString('hex');
  const key = scryptSync(password, salt, 64).toString('hex');
  users.set(name, { salt, key });
  res.status(201).json({ name });
});

export default app;
