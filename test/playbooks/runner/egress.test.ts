import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// The proxy runs inside Rampart's process, where restify is loaded and patches Node's
// ServerResponse (writeHead() stops chaining): load it here too, as Rampart does.
import 'restify';
import { allowedHosts, startEgressProxy, type EgressProxy } from '../../../src/playbooks/runner';
import { MAX_REPORTED_REFUSALS } from '../../../src/playbooks/runner/egress';

/** Sends raw bytes to the proxy's Unix socket and returns everything it answers until it closes or goes quiet. */
function rawExchange(socketPath: string, request: string, then?: (socket: net.Socket, soFar: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(3000, finish);
    socket.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      then?.(socket, text);
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

describe('playbook egress: allowed hosts', () => {
  it('when nothing is configured, then only the public Entra ID, Defender and Graph hosts are allowed', () => {
    assert.deepEqual(allowedHosts({}, {}).map((r) => `${r.host}:${r.port}`), ['login.microsoftonline.com:443', 'api.security.microsoft.com:443', 'graph.microsoft.com:443']);
  });

  it('when endpoints are configured, then their hosts and ports replace the public ones, and VirusTotal, the Teams webhook and Key Vault come with their settings', () => {
    const rules = allowedHosts(
      {
        authorityHost: 'https://127.0.0.1:8443',
        defenderApiBase: 'https://127.0.0.1:8443',
        graphApiBase: 'https://Graph.Example.',
        vtApiKey: 'k',
        teamsWebhookUrl: 'https://contoso.webhook.office.com/webhookb2/x',
        keyVaultUrl: 'https://vault.vault.azure.net/',
      },
      { IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token' },
    );
    assert.deepEqual(rules.map((r) => `${r.host}:${r.port}`), [
      '127.0.0.1:8443',
      'graph.example:443',
      'www.virustotal.com:443',
      'contoso.webhook.office.com:443',
      'vault.vault.azure.net:443',
      '127.0.0.1:41741',
    ]);
  });
});

describe('playbook egress: the proxy', () => {
  let dir: string;
  let proxy: EgressProxy;
  let target: http.Server;
  let targetPort: number;
  let other: http.Server;
  let otherPort: number;
  let otherHits = 0;

  before(async () => {
    target = http.createServer((req, res) => res.end(`hello from ${req.method} ${req.url}`));
    other = http.createServer((_req, res) => res.end('other'));
    other.on('connection', () => (otherHits += 1));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    targetPort = (target.address() as AddressInfo).port;
    otherPort = (other.address() as AddressInfo).port;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-egress-test-'));
    proxy = await startEgressProxy({ listen: path.join(dir, 'proxy.sock'), allow: [{ host: '127.0.0.1', port: targetPort, why: 'test' }] });
  });
  after(async () => {
    await proxy?.close();
    target?.close();
    other?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when a plain HTTP request names an allowed host, then it is forwarded; another port of the same host is answered 403 and recorded', async () => {
    const ok = await rawExchange(proxy.address, `GET http://127.0.0.1:${targetPort}/api/x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:${targetPort}\r\nConnection: close\r\n\r\n`);
    assert.match(ok, /^HTTP\/1\.1 200/);
    assert.match(ok, /hello from GET \/api\/x\?y=1/);
    const no = await rawExchange(proxy.address, `GET http://127.0.0.1:${otherPort}/ HTTP/1.1\r\nHost: 127.0.0.1:${otherPort}\r\nConnection: close\r\n\r\n`);
    assert.match(no, /^HTTP\/1\.1 403/);
    assert.equal(otherHits, 0);
    assert.deepEqual(proxy.refused.at(-1), { host: '127.0.0.1', port: otherPort, method: 'GET' });
  });

  it('when a CONNECT names an allowed host, then the tunnel carries bytes both ways; a refused or malformed one gets 403 and no connection', async () => {
    const tunnelled = await rawExchange(proxy.address, `CONNECT 127.0.0.1:${targetPort} HTTP/1.1\r\nHost: 127.0.0.1:${targetPort}\r\n\r\n`, (socket, soFar) => {
      if (soFar === 'HTTP/1.1 200 Connection Established\r\n\r\n') socket.write('GET /through HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    assert.match(tunnelled, /^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK[\s\S]*hello from GET \/through/);
    for (const authority of [`127.0.0.1:${otherPort}`, `LOCALHOST:${targetPort}`, `[::1]:${targetPort}`, '127.0.0.1']) {
      const answer = await rawExchange(proxy.address, `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 403/, authority);
    }
    assert.equal(otherHits, 0);
    assert.deepEqual(proxy.refused.slice(-4).map((r) => `${r.host}:${r.port}`), [`127.0.0.1:${otherPort}`, `localhost:${targetPort}`, `::1:${targetPort}`, '127.0.0.1:0']);
  });

  it('when a playbook is refused over and over, then every refusal is counted and only the first ones are listed', async () => {
    const before = proxy.refusedCount;
    for (let k = 0; k < MAX_REPORTED_REFUSALS + 5; k++) await rawExchange(proxy.address, `CONNECT 127.0.0.1:${otherPort} HTTP/1.1\r\n\r\n`);
    assert.equal(proxy.refusedCount, before + MAX_REPORTED_REFUSALS + 5);
    assert.equal(proxy.refused.length, MAX_REPORTED_REFUSALS);
    assert.equal(otherHits, 0);
  });
});
