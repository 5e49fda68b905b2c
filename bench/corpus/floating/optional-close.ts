// expect: floating 13
interface Client {
  close(): Promise<void>;
}

let client: Client | undefined;

export function setClient(next: Client): void {
  client = next;
}

export async function reset(): Promise<void> {
  client?.close();
  client = undefined;
}
