import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL for tests: the server in DATABASE_URL when set (CI exports one), otherwise a
 * private cluster in a temporary folder, started once per test process with Debian's binaries
 * (`initdb`, `pg_ctl` under /usr/lib/postgresql/<version>/bin) and stopped when it exits.
 * Each caller gets a database of its own on that server.
 */

/** The server the environment names (test/helpers/storageEnv.ts moves DATABASE_URL aside). */
function givenUrl(): string | undefined {
  return process.env.RAMPART_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

/** Where Debian puts the server binaries, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  if (givenUrl()) return undefined;
  return postgresBinDir() ? undefined : 'PostgreSQL is not installed (apt-get install postgresql) and DATABASE_URL is not set';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Runs a server binary as the `postgres` user when this process is root (initdb refuses root). */
function asPostgres(bin: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

let server: Promise<string> | undefined;

/** Starts a throwaway cluster: trust authentication on loopback only, fsync off (tests). */
export async function startPrivateCluster(): Promise<{ url: string; stop: () => void }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresUnavailable());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  asPostgres(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(dir, 'server.log'), '-w',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB`,
    'start',
  ]);
  const stop = (): void => {
    try {
      asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** The server URL: DATABASE_URL, or this process's private cluster (started on first use). */
export function postgresServer(): Promise<string> {
  const given = givenUrl();
  if (given) return Promise.resolve(given);
  server ??= startPrivateCluster().then(({ url, stop }) => {
    process.once('exit', stop);
    return url;
  });
  return server;
}

/** A new, empty database on the test server; its URL. */
export async function freshPostgresDatabase(prefix = 'rampart_test'): Promise<string> {
  const base = await postgresServer();
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
