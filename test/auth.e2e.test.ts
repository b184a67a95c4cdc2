/**
 * With app credentials configured the bot validates Bot Framework tokens.
 * A local stand-in publishes the signing keys (as login.botframework.com
 * does), so real RS256 tokens are checked: a correctly signed one is
 * accepted; unsigned, forged, wrongly addressed ones are refused.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';

const APP_ID = '00000000-0000-0000-0000-00000000abcd';
const ISSUER = 'https://api.botframework.com';
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

let keys: http.Server;
let t: TestApp;

beforeAll(async () => {
  keys = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    else res.end(JSON.stringify({ keys: [{ ...trusted.publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', endorsements: ['msteams'] }] }));
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  t = await startTestApp({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'inte-en-riktig-hemlighet',
    MicrosoftAppType: 'MultiTenant',
    BotOpenIdMetadataUrl: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`,
  });
});
afterAll(async () => {
  await t.close();
  keys.close();
});

function token(claims: Record<string, unknown>, key: KeyObject = trusted.privateKey): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${b64({ iss: ISSUER, aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: t.connector.url, ...claims })}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), createPrivateKey(key.export({ format: 'pem', type: 'pkcs8' }))).toString('base64url')}`;
}

const question = () => t.teams.activity('message', t.teams.personal('auth-user'), 'auth-user', { text: 'prognos för LSS?' });

describe('with app credentials', () => {
  it('accepts a request signed with a Bot Framework key', async () => {
    const r = await t.teams.post(question(), { authorization: `Bearer ${token({})}` });
    expect(r.status).toBe(200);
  });

  it.each([
    ['no token', () => ({})],
    ['a token signed by someone else', () => ({ authorization: `Bearer ${token({}, stranger.privateKey)}` })],
    ['a token for another bot', () => ({ authorization: `Bearer ${token({ aud: '99999999-0000-0000-0000-000000000000' })}` })],
    ['a token for another service URL', () => ({ authorization: `Bearer ${token({ serviceurl: 'https://smba.example.org/' })}` })],
    ['an expired token', () => ({ authorization: `Bearer ${token({ nbf: 1_000_000, exp: 1_000_100 })}` })],
  ])('refuses %s and answers nothing', async (_name, headers) => {
    const before = t.connector.received.length;
    const r = await t.teams.post(question(), headers());
    expect(r.status).toBe(401);
    expect(t.connector.received.length).toBe(before);
  });

  it('still reports health, with authentication on', async () => {
    const res = await fetch(t.url.replace('/api/messages', '/health'));
    expect(await res.json()).toMatchObject({ status: 'ok', auth: 'på' });
  });
});
