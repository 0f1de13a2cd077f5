/**
 * A deployment as docs/deployment.md describes it, made for tests and benchmarks: N `jixiao serve`
 * processes on one PostgreSQL schema behind nginx (Debian's package) balancing them round-robin.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/jixiao.js', import.meta.url));
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/** Why nginx cannot be used here, or null. */
export function nginxMissing(): string | null {
  const probe = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
  return probe.error ? `${NGINX}: ${probe.error.message}` : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it wrote to stderr. */
  output(): string;
}

/** Starts one `jixiao serve` on the schema and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, args: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--trust-proxy', '127.0.0.1', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A guard against a server that hangs, with what it printed; not a limit on a slow start.
    const timer = setTimeout(() => reject(new Error(`the server did not start in 240 s:\n${output}`)), 240_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

export interface Cluster {
  /** nginx's address. */
  readonly url: string;
  readonly processes: ServerProcess[];
  /** Kills a server process at once (SIGKILL), as a crash would. */
  kill(index: number): void;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

/** N server processes on the PostgreSQL schema behind nginx. */
export async function startCluster(options: { url: string; schema: string; processes: number; env?: Record<string, string>; args?: readonly string[] }): Promise<Cluster> {
  const env = { DATABASE_URL: options.url, DATABASE_SCHEMA: options.schema, ...options.env };
  const processes = await Promise.all(Array.from({ length: options.processes }, () => startServerProcess(env, options.args)));
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const port = await freePort();
  const upstreams = processes.map((p) => `    server ${p.url.replace('http://', '')} max_fails=1 fail_timeout=10s;`).join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream jixiao {
${upstreams}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 120m;
    location / {
      proxy_pass http://jixiao;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A process that is gone: idempotent requests try the next one; a POST is never sent twice.
      proxy_next_upstream error timeout http_502;
      proxy_read_timeout 120s;
    }
  }
}
`,
  );
  const nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nginxOutput = '';
  nginx.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString('utf8')));
  // Listening once a request gets through.
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxOutput}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 1200) throw new Error(`nginx did not answer in 120 s: ${nginxOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    processes,
    kill: (index) => processes[index]?.child.kill('SIGKILL'),
    stop: async () => {
      nginx.kill('SIGQUIT');
      for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      await Promise.all([exited(nginx), ...processes.map((p) => exited(p.child))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
