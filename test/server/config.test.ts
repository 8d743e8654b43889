import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

test('yes/no settings from the environment mean what they say', () => {
  assert.equal(loadConfig({ SMTP_SECURE: 'false', PSEPHOS_SECURE_COOKIES: '0' }).smtp.secure, false);
  assert.equal(loadConfig({ PSEPHOS_SECURE_COOKIES: 'false' }).secureCookies, false);
  assert.equal(loadConfig({ PSEPHOS_SECURE_COOKIES: 'true' }).secureCookies, true);
  assert.equal(loadConfig({ SMTP_SECURE: 'yes' }).smtp.secure, true);
  assert.throws(
    () => loadConfig({ SMTP_SECURE: 'maybe' }),
    (e: unknown) => e instanceof ConfigError && /smtp\.secure/.test(e.message),
  );
});

test('a bad number names its setting', () => {
  assert.throws(
    () => loadConfig({ PSEPHOS_PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /port/.test(e.message),
  );
});
