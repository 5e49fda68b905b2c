// expect: async-void 9
interface Connection {
  close(): Promise<void>;
}

const connections = new Map<string, Connection>();

export function closeAll(): void {
  connections.forEach(async (connection, id) => {
    await connection.close();
    connections.delete(id);
  });
}
