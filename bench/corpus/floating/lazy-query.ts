// expect: floating 21
interface Row {
  id: number;
}

// A query builder in the style of knex: nothing runs until someone calls `then`.
class Query implements PromiseLike<Row[]> {
  constructor(private readonly sql: string) {}

  then<A = Row[], B = never>(
    onfulfilled?: ((rows: Row[]) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return Promise.resolve<Row[]>([]).then(onfulfilled, onrejected);
  }
}

const db = { query: (sql: string) => new Query(sql) };

export async function archiveOld(days: number): Promise<void> {
  db.query(`DELETE FROM events WHERE age > ${days}`);
  console.log('archived');
}
