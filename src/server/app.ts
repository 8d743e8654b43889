/**
 * The Psephos server: a small Fastify core with plugins — security headers and a strict CSP, rate
 * limits, sessions and logins (auth.ts), the organiser's, trustees', voters' and public board routes,
 * health, metrics and the OpenAPI document. The server is trusted for availability only: every event
 * it publishes passes the verifier's own checks first, and everything it publishes is signed and public.
 *
 * @example
 * ```ts
 * const server = await buildServer({ store, config, group, mailer });
 * await server.app.listen({ host: config.host, port: config.port });
 * ```
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Group } from '../crypto/group.ts';
import type { Store } from '../store/store.ts';
import { authPlugin } from './auth.ts';
import { CheckPool } from './check-pool.ts';
import type { Config } from './config.ts';
import { Scheduler } from './console/scheduler.ts';
import { errorHandler, tooManyRequests } from './errors.ts';
import type { Mailer } from './mail.ts';
import { createMetrics } from './metrics.ts';
import { ballotRoutes } from './routes/ballots.ts';
import { boardRoutes } from './routes/board.ts';
import { consoleRoutes } from './routes/console.ts';
import { electionRoutes } from './routes/elections.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { rollRoutes } from './routes/roll.ts';
import { trusteeRoutes } from './routes/trustees.ts';
import { webRoutes } from './routes/web.ts';
import { Runtimes } from './runtime.ts';

export interface ServerDeps {
  readonly store: Store;
  readonly config: Config;
  readonly group: Group;
  /** Sends the outbox and the invitations; the server closes it (`Mailer.close`) as it closes. */
  readonly mailer?: Mailer;
  /** The server's clock: logins, the console's date checks and scheduled opening and closing. */
  readonly now?: () => Date;
}

export interface Server {
  readonly app: FastifyInstance;
  readonly runtimes: Runtimes;
  /** Opens and closes the elections whose organisers scheduled it; stopped as the app closes. */
  readonly scheduler: Scheduler;
}

/** The Content-Security-Policy: only this origin; WASM (libsodium) may compile; nothing inline. */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  workerSrc: ["'self'"],
};

export async function buildServer(deps: ServerDeps): Promise<Server> {
  const { store, config, group } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Never log what lets someone act as somebody else.
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    bodyLimit: 256 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.setErrorHandler(errorHandler);
  // Registered first, so run last (onClose hooks run in reverse): after the outbox's sender and the
  // invitation jobs have stopped, nothing sends through the mailer any more.
  app.addHook('onClose', async () => {
    await deps.mailer?.close?.();
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: { code: 'not-found', message: `nothing at ${request.method} ${request.url.split('?')[0]}` },
    });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Psephos API',
        version: '1',
        description: 'End-to-end verifiable voting: organiser, trustee, voter and public board routes.',
      },
      tags: [
        { name: 'organiser' },
        { name: 'trustee' },
        { name: 'voter' },
        { name: 'board' },
        { name: 'public' },
      ],
    },
  });
  await app.register(helmet, { contentSecurityPolicy: { directives: CSP }, crossOriginEmbedderPolicy: true });
  await app.register(rateLimit, {
    max: config.rateLimit.perIp,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => tooManyRequests(context.after),
  });
  await app.register(authPlugin, {
    store,
    config,
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });

  const metrics = createMetrics();
  const runtimes = new Runtimes(store, group);
  const pool = new CheckPool(config.workers, group, (message) => app.log.warn(message));
  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.inc({ route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) });
  });

  await app.register(electionRoutes, { store, runtimes, trusteeTokenHours: 24 * 30 });
  await app.register(trusteeRoutes, { runtimes });
  await app.register(ballotRoutes, {
    runtimes,
    pool,
    metrics,
    castPerLogin: config.rateLimit.castPerLogin,
    perIp: config.rateLimit.perIp,
  });
  await app.register(boardRoutes, { store, runtimes });
  await app.register(consoleRoutes, {
    store,
    runtimes,
    config,
    group,
    trusteeTokenHours: 24 * 30,
    ...(deps.now ? { now: deps.now } : {}),
  });
  await app.register(rollRoutes, { store });
  await app.register(invitationRoutes, { store, config, mailer: deps.mailer });
  await app.register(webRoutes);

  app.get('/healthz', { schema: { tags: ['public'], summary: 'Liveness and the store' } }, async () => {
    await store.size('healthz');
    return { ok: true, store: store.kind };
  });
  app.get(
    '/metrics',
    { schema: { tags: ['public'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      void reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // While an election is open, its board signs a head every few seconds, so voters can see it is live.
  const signer = setInterval(async () => {
    for (const runtime of await runtimes.all()) {
      if (runtime.state.phase === 'open')
        await runtime
          .exclusive(() => runtime.board.signHead())
          .catch((e) => app.log.warn({ err: e }, 'head signing failed'));
    }
  }, config.headSeconds * 1000);
  signer.unref();
  // Scheduled opening and closing, through the same exclusive step as the organiser's buttons.
  const scheduler = new Scheduler({
    store,
    runtimes,
    log: app.log,
    now: deps.now ?? (() => new Date()),
    intervalMs: config.scheduleSeconds * 1000,
  });
  scheduler.start();
  app.addHook('onClose', async () => {
    clearInterval(signer);
    await scheduler.stop();
    await pool.close();
  });
  return { app, runtimes, scheduler };
}
