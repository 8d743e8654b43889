/**
 * Prometheus metrics at /metrics: requests by route and status, ballots by outcome (accepted, replay,
 * or the refusal code), cast latency, board events appended. No label ever holds a voter, a credential
 * or a token.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * metrics.ballots.inc({ outcome: 'accepted' });
 * ```
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status'>;
  readonly ballots: Counter<'outcome'>;
  readonly castSeconds: Histogram;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'psephos_' });
  return {
    registry,
    requests: new Counter({
      name: 'psephos_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    ballots: new Counter({
      name: 'psephos_ballots_total',
      help: 'Ballots received, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    castSeconds: new Histogram({
      name: 'psephos_cast_seconds',
      help: 'Time from receiving a ballot to its receipt',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
