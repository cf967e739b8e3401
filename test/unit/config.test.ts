import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectEnvironment, parseConfig } from '../../src/config';
import { AppError } from '../../src/errors';

describe('config', () => {
  it('when nothing is configured, then the local defaults apply and authentication is off', () => {
    const config = parseConfig({ RAMPART_LOCAL: 'true' });
    assert.equal(config.port, 3978);
    assert.equal(config.isLocal, true);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.defender.defenderApiBase, 'https://api.security.microsoft.com');
    assert.equal(config.approvals.allowSelfApproval, false);
    assert.equal(config.log.pretty, true);
  });

  it('when PORT is not a number, then start-up stops naming PORT and what it is for', () => {
    assert.throws(
      () => parseConfig({ PORT: 'eighty' }),
      (err: unknown) => err instanceof AppError && /PORT="eighty"/.test(err.message) && /port the bot listens on/.test(err.message),
    );
  });

  it('when a URL setting is malformed, then the message names the variable', () => {
    assert.throws(() => parseConfig({ DEFENDER_API_BASE: 'not a url' }), /DEFENDER_API_BASE.*Defender XDR/);
  });

  it('when BOT_ID is set without a password, then BOT_PASSWORD is reported missing', () => {
    assert.throws(() => parseConfig({ BOT_ID: '00000000-0000-0000-0000-000000000001' }), /BOT_PASSWORD is required/);
  });

  it('when a managed identity bot is configured, then no password is needed but the tenant is', () => {
    assert.throws(() => parseConfig({ BOT_ID: 'x', BOT_TYPE: 'UserAssignedMsi' }), /BOT_TENANT_ID is required/);
    const config = parseConfig({ BOT_ID: 'x', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 't' });
    assert.equal(config.isLocal, false);
    assert.equal(config.log.pretty, false);
  });

  it('when env files and SECRET_ settings exist, then the process env wins and SECRET_X fills X', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-config-'));
    fs.mkdirSync(path.join(root, 'env'));
    fs.writeFileSync(path.join(root, 'env', '.env.dev'), 'PORT=4000\nLOG_LEVEL=debug\nVT_API_KEY=\n');
    fs.writeFileSync(path.join(root, 'env', '.env.dev.user'), 'SECRET_VT_API_KEY=from-user-file\n');
    const env = collectEnvironment({ RAMPART_ENV: 'dev', LOG_LEVEL: 'warn' }, root);
    const config = parseConfig(env);
    assert.equal(config.port, 4000);
    assert.equal(config.log.level, 'warn');
    assert.equal(config.defender.vtApiKey, 'from-user-file');
  });

  it('when approvers are listed, then they are split and trimmed', () => {
    const config = parseConfig({ APPROVERS: ' a@contoso.com, b@contoso.com ,', ALLOW_SELF_APPROVAL: 'true' });
    assert.deepEqual(config.approvals.approvers, ['a@contoso.com', 'b@contoso.com']);
    assert.equal(config.approvals.allowSelfApproval, true);
  });
});
