// expect: floating 11
import { writeFile } from 'node:fs/promises';

interface Session {
  id: string;
  data: Record<string, unknown>;
}

export async function touchSession(session: Session): Promise<void> {
  session.data.lastSeen = Date.now();
  writeFile(`/tmp/sessions/${session.id}.json`, JSON.stringify(session.data));
}
