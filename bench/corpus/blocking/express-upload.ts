// expect: blocking 9
import * as fs from 'node:fs';
import { createApp } from '../support/mini-express';

const app = createApp();

app.post('/upload/:name', (req, res) => {
  const data = Buffer.from(String(req.body));
  fs.writeFileSync(`/srv/uploads/${req.params.name}`, data);
  res.status(204).send('');
});

export default app;
