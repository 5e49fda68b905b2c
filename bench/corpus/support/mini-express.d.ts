// A tiny express-like type surface for the corpus (no real express): routes take `(req, res, next) => void`.
export interface Request {
  path: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
}

export interface Response {
  status(code: number): Response;
  json(body: unknown): void;
  send(body: string | Buffer): void;
}

export type NextFunction = (err?: unknown) => void;
export type Handler = (req: Request, res: Response, next: NextFunction) => void;

export interface App {
  get(path: string, ...handlers: Handler[]): App;
  post(path: string, ...handlers: Handler[]): App;
  use(...handlers: Handler[]): App;
  listen(port: number, callback?: () => void): void;
}

export declare function createApp(): App;
