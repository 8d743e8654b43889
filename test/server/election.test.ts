import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runHttpElection } from '../../src/cli/http-election.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createSmtpMailer } from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import { freshPostgresUrl } from '../support/postgres.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

const group = await loadGroup();

/** A full election through HTTP against a real server, store and SMTP sink. */
function electionThroughServer(
  name: string,
  storeUrl: () => Promise<{ url: string; cleanup: () => Promise<void> }>,
) {
  describe(`a whole election through the server (${name})`, () => {
    let sink: SmtpSink;
    let store: Store;
    let baseUrl: string;
    let cleanup: () => Promise<void>;
    let close: () => Promise<void>;

    before(async () => {
      sink = await startSmtpSink();
      const location = await storeUrl();
      cleanup = location.cleanup;
      store = await openStore(location.url);
      const config = loadConfig({}, undefined, {
        port: 0,
        logLevel: 'warn',
        workers: 1,
        smtp: { host: '127.0.0.1', port: sink.port, from: 'Psephos <elections@example.org>' },
      });
      const server = await buildServer({ store, config, group, mailer: createSmtpMailer(config.smtp) });
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const address = server.app.server.address() as { port: number };
      baseUrl = `http://127.0.0.1:${address.port}`;
      close = async () => {
        await server.app.close();
        await store.close();
      };
    });
    after(async () => {
      await close?.();
      await sink?.close();
      await cleanup?.();
    });

    test("organiser, trustees, credential authority and voters; the record verifies with the voters' result", async () => {
      await store.setAdmin('returning-officer', 'not-used-with-tokens');
      const adminToken = await createAdminToken(store, 'returning-officer', 1);
      const voters = Array.from({ length: 12 }, (_, i) => ({
        voterId: `M${1000 + i}`,
        email: `member${i}@example.org`,
        name: `Member ${i}`,
      }));
      const outcome = await runHttpElection({
        baseUrl,
        adminToken,
        group,
        electionId: 'leader-2026',
        voters,
        turnout: 10,
        candidates: 3,
        trustees: 3,
        threshold: 2,
        revoting: 'single',
        readLoginLink: async (email) => {
          const mail = await sink.waitFor((m) => m.to === email);
          const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
          assert.ok(link, 'the login email has a link with its token');
          return link;
        },
      });
      assert.equal(outcome.receiptsChecked, 10);

      const response = await fetch(`${baseUrl}/api/elections/leader-2026/record`);
      assert.equal(response.status, 200);
      const text = await response.text();
      const report = await verifyRecord(
        {
          open: async function* () {
            yield text;
          },
        },
        { group },
      );
      assert.equal(report.ok, true, JSON.stringify(report.failure));
      assert.equal(report.phase, 'published');
      assert.deepEqual(
        report.result?.questions[0]?.candidates.map((c) => c.votes),
        outcome.expected,
      );
      assert.equal(report.counts.credentials, 12);
      assert.equal(report.counts.counted, 10);
    });
  });
}

electionThroughServer('SQLite', async () => ({
  url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'psephos-server-')), 'store.sqlite')}`,
  cleanup: async () => {},
}));
electionThroughServer('PostgreSQL', freshPostgresUrl);
