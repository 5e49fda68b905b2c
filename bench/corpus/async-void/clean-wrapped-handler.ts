// expect: none
import { createApp, type Handler, type Request, type Response } from '../support/mini-express';

// Turns a promise-returning handler into a void one that forwards failures to `next`.
function asyncHandler(fn: (req: Request, res: Response) => Promise<void>): Handler {
  return (req, res, next) => {
    fn(req, res).catch(next);
  };
}

const app = createApp();

app.get('/health', asyncHandler(async (req, res) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  res.json({ ok: true, path: req.path });
}));

export default app;
