// expect: none
interface Migration {
  name: string;
  up(): Promise<void>;
}

export async function migrate(migrations: Migration[]): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    await migration.up();
    applied.push(migration.name);
  }
  return applied;
}
