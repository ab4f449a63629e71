import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries installed (Debian layout), or PG_BIN. */
async function binDir(): Promise<string> {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const { stdout } = await run('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1']);
  const dir = stdout.trim();
  if (!dir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (set PG_BIN)');
  return dir;
}

/**
 * A PostgreSQL cluster of this test's own, in a temporary directory on a free port (fault tests stop and restart it
 * without disturbing the machine's shared server). Trust authentication, user `postgres`. Run as root, the server
 * runs as the `postgres` OS user (PostgreSQL refuses to run as root).
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asUser: string[],
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const bin = await binDir();
    const dir = await mkdtemp(join(tmpdir(), 'ipe-pg-'));
    const root = process.getuid?.() === 0;
    if (root) {
      await chmod(dir, 0o700);
      await run('chown', ['postgres:postgres', dir]);
    }
    const pg = new PrivatePostgres(
      dir,
      await freePort(),
      bin,
      root ? ['runuser', '-u', 'postgres', '--'] : [],
    );
    await pg.exec('initdb', [
      '-D',
      join(dir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await pg.start();
    return pg;
  }

  /** A database URL on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await this.pgCtl(['start', '-w', '-t', '60', '-o', this.serverOptions(), '-l', this.log]);
  }

  /** Stops the server: `fast` rolls back open transactions and closes sessions; `immediate` is a crash. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pgCtl(['stop', '-w', '-t', '60', '-m', mode]);
  }

  /** `pg_ctl restart`: stop (in `mode`) and start again, waiting until it accepts connections. */
  async restart(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    // -l: the server must not inherit pg_ctl's output pipes (the exec would wait for them to close).
    await this.pgCtl(['restart', '-w', '-t', '60', '-m', mode, '-o', this.serverOptions(), '-l', this.log]);
  }

  /** True when the server accepts queries. */
  async up(): Promise<boolean> {
    const c = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** Stops the server (immediately) and removes its files. */
  async destroy(): Promise<void> {
    await this.pgCtl(['stop', '-w', '-t', '30', '-m', 'immediate']).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private get log(): string {
    return join(this.dir, 'server.log');
  }

  private serverOptions(): string {
    // Unix socket in the cluster's own directory (the default one belongs to the shared server); fsync off is fine
    // for a throwaway cluster and an immediate shutdown still runs crash recovery from the WAL.
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  }

  private pgCtl(args: string[]): Promise<unknown> {
    return this.exec('pg_ctl', ['-D', join(this.dir, 'data'), ...args]);
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [cmd, ...rest] = [...this.asUser, join(this.bin, tool), ...args];
    try {
      await run(cmd, rest, { cwd: this.dir, timeout: 120_000 });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${tool} ${args[0] ?? ''} failed: ${err.stderr || err.stdout || err.message}`, {
        cause: e,
      });
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
