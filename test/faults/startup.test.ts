import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import { startRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { tempDir } from '../incidents/helpers';

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Finding 5: authentication is never silently off. */
describe('faults: start-up without a bot registration', function () {
  this.timeout(30_000);

  it('when BOT_ID is missing outside local mode, even with Defender credentials and approvers set, then Rampart refuses to start and says why', async () => {
    const config = parseConfig({ DATA_DIR: tempDir(), TENANT_ID: 't', CLIENT_ID: 'c', CLIENT_SECRET: 's', APPROVERS: 'aad-dana', POLL_INTERVAL_SECONDS: '0' });
    await assert.rejects(startRampart({ port: 0, config, logger: silentLogger() }), /BOT_ID is required[\s\S]*RAMPART_LOCAL=true/);
  });

  it('when Rampart runs in explicit local mode, then it listens on 127.0.0.1 only, even if HOST asks for more', async () => {
    const rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', HOST: '0.0.0.0', DATA_DIR: tempDir(), POLL_INTERVAL_SECONDS: '0' }), logger: silentLogger() });
    try {
      assert.equal(rampart.host, '127.0.0.1');
      assert.equal(await connects('127.0.0.1', rampart.port), true);
      const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) assert.equal(await connects(external.address, rampart.port), false, `reachable on ${external.address}`);
      const health = (await (await fetch(`${rampart.url}/healthz`)).json()) as { bot: { authentication: string } };
      assert.match(health.bot.authentication, /local mode, loopback only/);
    } finally {
      await rampart.stop();
    }
  });
});
