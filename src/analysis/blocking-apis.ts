/**
 * The catalogue of synchronous Node.js APIs that block the event loop: data only.
 * `no-blocking-call` and its doc page read it; `test/rules/no-blocking-call.test.ts` checks it against
 * @types/node (every `fs` and `zlib` `*Sync` export must be here) and against the doc page.
 *
 * Module names are written without the `node:` prefix; `globalThis` stands for the built-in globals.
 */

export interface AsyncAlternative {
  /** Module of the alternative (without `node:`), or `globalThis`. */
  readonly module: string;
  /** For methods: the class that declares it (`Dir`). */
  readonly className?: string;
  /** A static method of `className` (`ZipFile.open`), not an instance method. */
  readonly static?: true;
  readonly name: string;
  /**
   * `await alternative(sameArguments)` gives the same result: the rule may suggest the rewrite.
   * False for callback APIs and APIs whose arguments or result differ.
   */
  readonly dropIn: boolean;
  /** The rewrite would change behaviour when a call passes this option (e.g. `throwIfNoEntry`). */
  readonly unlessOption?: string;
  /** How to use it when it is not a drop-in, for the message. */
  readonly note?: string;
}

export interface BlockingApi {
  /** Declaring module without `node:` (`fs`, `child_process`, `sqlite`), or `globalThis`. */
  readonly module: string;
  /** For methods: the class or interface that declares them (`Dir`, `DatabaseSync`, `Atomics`). */
  readonly className?: string;
  /** A static method of `className` (`ZipFile.openSync`), not an instance method; both are keyed alike. */
  readonly static?: true;
  /** The export, or the method when `className` is set. */
  readonly name: string;
  /** What it does on the main thread. */
  readonly why: string;
  readonly alternative?: AsyncAlternative;
  /** Only blocking when called without a callback (`crypto.randomBytes(n)` vs `randomBytes(n, cb)`). */
  readonly blocksOnlyWithoutCallback?: true;
  /** Too cheap to matter when this argument is a number literal up to `max` (`randomBytes(16)` takes microseconds). */
  readonly cheapUpTo?: { readonly argument: number; readonly max: number };
  /** The call returns an instance of this class of the same module (lets syntax follow `opendirSync(p).readSync()`). */
  readonly returns?: string;
}

/** A call that blocks on nothing itself but returns an instance with catalogued methods. */
export interface InstanceFactory {
  readonly module: string;
  readonly className: string;
  readonly name: string;
  readonly returns: string;
}

/** Lets syntax follow `const sql = db.createTagStore(); … sql.get`…`` as it follows `db.prepare()`. */
export const INSTANCE_FACTORIES: readonly InstanceFactory[] = [
  { module: 'sqlite', className: 'DatabaseSync', name: 'createTagStore', returns: 'SQLTagStore' },
  // A ZIP archive's lazy entries: `zip.getSync(name).contentSync()` blocks in `contentSync`.
  { module: 'zlib', className: 'ZipFile', name: 'getSync', returns: 'ZipEntry' },
  { module: 'zlib', className: 'ZipBuffer', name: 'get', returns: 'ZipEntry' },
];

const promisified = 'with a callback, or `util.promisify` it';

/** `fs.<name>Sync` whose `fs/promises.<name>` takes the same arguments and gives the same result. */
function fsDropIn(name: string, why: string, unlessOption?: string): BlockingApi {
  return {
    module: 'fs',
    name: `${name}Sync`,
    why,
    alternative: { module: 'fs/promises', name, dropIn: true, ...(unlessOption ? { unlessOption } : {}) },
  };
}

/** `fs.<name>Sync` whose only asynchronous twin is the callback `fs.<name>` (or a FileHandle method). */
function fsCallback(name: string, why: string, note = 'with a callback, or a `FileHandle` from `node:fs/promises`'): BlockingApi {
  return { module: 'fs', name: `${name}Sync`, why, alternative: { module: 'fs', name, dropIn: false, note } };
}

function zlibSync(name: string): BlockingApi {
  return {
    module: 'zlib',
    name: `${name}Sync`,
    why: 'compresses or decompresses the whole buffer on the main thread',
    alternative: { module: 'zlib', name, dropIn: false, note: `(runs on the thread pool) ${promisified}` },
  };
}

function cryptoSync(name: string, why: string, alternative: string | undefined = name.replace(/Sync$/, '')): BlockingApi {
  return {
    module: 'crypto',
    name,
    why,
    ...(alternative
      ? { alternative: { module: 'crypto', name: alternative, dropIn: false, note: `(runs on the thread pool) ${promisified}` } }
      : {}),
  };
}

/** The four ways node:sqlite runs a statement, the same on a `StatementSync` and on an `SQLTagStore`. */
function sqliteStatementMethods(className: string): BlockingApi[] {
  return [
    { module: 'sqlite', className, name: 'run', why: 'runs the statement on the main thread' },
    { module: 'sqlite', className, name: 'get', why: 'runs the query on the main thread' },
    { module: 'sqlite', className, name: 'all', why: 'runs the query and reads every row on the main thread' },
    { module: 'sqlite', className, name: 'iterate', why: 'reads each row on the main thread' },
  ];
}

/**
 * A method of Node 26.8's experimental ZIP archive classes (node:zlib) that reads, writes or compresses on
 * the main thread. Its twin without `Sync` returns a promise of the same result, unless `note` says how it
 * differs.
 */
function zipMethod(className: string, name: string, why: string, options: { static?: true; returns?: string; note?: string } = {}): BlockingApi {
  const { static: isStatic, returns, note } = options;
  return {
    module: 'zlib',
    className,
    name,
    why,
    ...(isStatic ? { static: true } : {}),
    ...(returns ? { returns } : {}),
    alternative: {
      module: 'zlib',
      className,
      name: name.replace(/Sync$/, ''),
      dropIn: note === undefined,
      ...(isStatic ? { static: true } : {}),
      ...(note ? { note } : {}),
    },
  };
}

const fileIo = 'waits for the file system on the main thread';
const fdIo = 'waits for the file descriptor on the main thread';

export const BLOCKING_APIS: readonly BlockingApi[] = [
  // fs: every *Sync export of @types/node up to 24 (newer than the repository's @types/node 20: globSync,
  // mkdtempDisposableSync).
  fsDropIn('access', fileIo),
  fsDropIn('appendFile', 'appends to the file on the main thread'),
  fsDropIn('chmod', fileIo),
  fsDropIn('chown', fileIo),
  fsDropIn('copyFile', 'copies the whole file on the main thread'),
  fsDropIn('cp', 'copies the whole tree on the main thread'),
  fsDropIn('lchmod', fileIo),
  fsDropIn('lchown', fileIo),
  fsDropIn('link', fileIo),
  fsDropIn('lstat', fileIo, 'throwIfNoEntry'),
  fsDropIn('lutimes', fileIo),
  fsDropIn('mkdir', fileIo),
  fsDropIn('mkdtemp', fileIo),
  { ...fsDropIn('opendir', fileIo), returns: 'Dir' },
  fsDropIn('readFile', 'reads the whole file on the main thread'),
  fsDropIn('readdir', 'lists the directory on the main thread'),
  fsDropIn('readlink', fileIo),
  fsDropIn('realpath', fileIo),
  fsDropIn('rename', fileIo),
  fsDropIn('rm', 'deletes the whole tree on the main thread'),
  fsDropIn('rmdir', fileIo),
  fsDropIn('stat', fileIo, 'throwIfNoEntry'),
  fsDropIn('statfs', fileIo),
  fsDropIn('symlink', fileIo),
  fsDropIn('truncate', fileIo),
  fsDropIn('unlink', fileIo),
  fsDropIn('utimes', fileIo),
  fsDropIn('writeFile', 'writes the whole file on the main thread'),
  { module: 'fs', name: 'existsSync', why: fileIo, alternative: { module: 'fs/promises', name: 'access', dropIn: false, note: '(it rejects when the path is missing)' } },
  {
    module: 'fs',
    name: 'mkdtempDisposableSync',
    why: fileIo,
    alternative: { module: 'fs/promises', name: 'mkdtempDisposable', dropIn: false, note: '(with `await using`)' },
  },
  { module: 'fs', name: 'globSync', why: 'walks the directory tree on the main thread', alternative: { module: 'fs/promises', name: 'glob', dropIn: false, note: '(an async iterator)' } },
  fsCallback('open', fileIo, 'with a callback, or `open()` from `node:fs/promises` for a `FileHandle`'),
  fsCallback('close', fdIo),
  fsCallback('fchmod', fdIo),
  fsCallback('fchown', fdIo),
  fsCallback('fdatasync', 'waits for the disk on the main thread'),
  fsCallback('fstat', fdIo),
  fsCallback('fsync', 'waits for the disk on the main thread'),
  fsCallback('ftruncate', fdIo),
  fsCallback('futimes', fdIo),
  fsCallback('read', fdIo),
  fsCallback('readv', fdIo),
  fsCallback('write', fdIo),
  fsCallback('writev', fdIo),
  { module: 'fs', className: 'Dir', name: 'readSync', why: 'reads the next directory entry on the main thread', alternative: { module: 'fs', className: 'Dir', name: 'read', dropIn: true } },
  { module: 'fs', className: 'Dir', name: 'closeSync', why: fdIo, alternative: { module: 'fs', className: 'Dir', name: 'close', dropIn: true } },

  // child_process: the call returns only when the child has exited.
  { module: 'child_process', name: 'execSync', why: 'waits on the main thread until the child process exits', alternative: { module: 'child_process', name: 'exec', dropIn: false, note: promisified } },
  { module: 'child_process', name: 'execFileSync', why: 'waits on the main thread until the child process exits', alternative: { module: 'child_process', name: 'execFile', dropIn: false, note: promisified } },
  { module: 'child_process', name: 'spawnSync', why: 'waits on the main thread until the child process exits', alternative: { module: 'child_process', name: 'spawn', dropIn: false, note: '(listen for `close`)' } },

  // crypto: CPU-heavy work that the callback forms move to the libuv thread pool.
  cryptoSync('pbkdf2Sync', 'derives the key on the main thread (by design slow)'),
  cryptoSync('scryptSync', 'derives the key on the main thread (by design slow and memory-hard)'),
  cryptoSync('argon2Sync', 'derives the key on the main thread (by design slow and memory-hard)'),
  cryptoSync('hkdfSync', 'derives the key on the main thread'),
  cryptoSync('randomFillSync', 'gathers entropy on the main thread'),
  cryptoSync('generateKeyPairSync', 'generates the key pair on the main thread (RSA keys take seconds)'),
  cryptoSync('generateKeySync', 'generates the key on the main thread'),
  cryptoSync('generatePrimeSync', 'searches for a prime on the main thread'),
  cryptoSync('checkPrimeSync', 'tests primality on the main thread'),
  {
    ...cryptoSync('randomBytes', 'gathers entropy on the main thread when called without a callback (sizes up to 1 KiB are not reported)'),
    blocksOnlyWithoutCallback: true,
    cheapUpTo: { argument: 0, max: 1024 },
  },
  { ...cryptoSync('randomInt', 'gathers entropy on the main thread when called without a callback'), blocksOnlyWithoutCallback: true },

  // zlib: every *Sync (brotli and zstd too).
  ...['brotliCompress', 'brotliDecompress', 'deflate', 'deflateRaw', 'gunzip', 'gzip', 'inflate', 'inflateRaw', 'unzip', 'zstdCompress', 'zstdDecompress'].map(zlibSync),

  // zlib's ZIP archives (Node 26.8+, experimental).
  {
    module: 'zlib',
    name: 'createZipArchiveSync',
    why: 'compresses and writes out every entry of the archive on the main thread',
    alternative: { module: 'zlib', name: 'createZipArchive', dropIn: false, note: '(it returns a stream)' },
  },
  zipMethod('ZipEntry', 'createSync', "compresses the entry's data on the main thread", { static: true, returns: 'ZipEntry' }),
  zipMethod('ZipEntry', 'contentSync', 'decompresses the entry, reading it from disk for a `ZipFile` entry, on the main thread'),
  zipMethod('ZipBuffer', 'addSync', "compresses the entry's data on the main thread", { returns: 'ZipEntry' }),
  zipMethod('ZipBuffer', 'toBufferSync', 'writes out the whole archive on the main thread'),
  zipMethod('ZipFile', 'openSync', "reads the archive's central directory on the main thread", { static: true, returns: 'ZipFile' }),
  zipMethod('ZipFile', 'addSync', 'compresses the entry and writes it into the archive on the main thread', { returns: 'ZipEntry' }),
  zipMethod('ZipFile', 'addEntrySync', 'writes the entry into the archive on the main thread'),
  zipMethod('ZipFile', 'deleteSync', "rewrites the archive's central directory on the main thread"),
  zipMethod('ZipFile', 'closeSync', fdIo),
  zipMethod('ZipFile', 'compactSync', 'reads and writes out every live entry on the main thread', { note: '(it returns a stream)' }),
  // Not `getSync`, `entriesSync`, `valuesSync`, `forEachSync`: they make lazy entries and read nothing.

  // Atomics.wait parks the whole thread.
  { module: 'globalThis', className: 'Atomics', name: 'wait', why: 'parks the main thread until another thread notifies it', alternative: { module: 'globalThis', name: 'Atomics.waitAsync', dropIn: false } },

  // node:sqlite runs every statement on the main thread; it has no asynchronous API.
  { module: 'sqlite', className: 'DatabaseSync', name: 'exec', why: 'runs the SQL on the main thread' },
  { module: 'sqlite', className: 'DatabaseSync', name: 'prepare', why: 'compiles the SQL on the main thread', returns: 'StatementSync' },
  { module: 'sqlite', className: 'DatabaseSync', name: 'open', why: 'opens the database file on the main thread' },
  { module: 'sqlite', className: 'DatabaseSync', name: 'close', why: 'closes the database file on the main thread' },
  { module: 'sqlite', className: 'DatabaseSync', name: 'applyChangeset', why: 'applies the changeset to the database on the main thread' },
  { module: 'sqlite', className: 'DatabaseSync', name: 'loadExtension', why: 'loads the shared library from disk on the main thread' },
  ...sqliteStatementMethods('StatementSync'),
  // Node 24.9+: `db.createTagStore()`'s methods are template tags (sql.get`select …`), run as statements.
  ...sqliteStatementMethods('SQLTagStore'),
];
