/**
 * API errors: every refusal is a 4xx with `{ error: { code, message } }` — a stable code and plain
 * words — and never a 500 for anything a client sent. Errors from the lower layers (protocol, store,
 * board, verifier checks) are mapped here, in one place.
 *
 * @example
 * ```ts
 * throw new ApiError(409, 'already-voted', 'a ballot was already cast with this credential');
 * ```
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { BoardError } from '../board/errors.ts';
import { CryptoError } from '../crypto/errors.ts';
import { describeIssues, ProtocolError } from '../protocol/errors.ts';
import { StoreError } from '../store/errors.ts';
import { VerificationFailure } from '../verifier/failure.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The refusal of a rate limit, with a code of its own and when to come back. */
export function tooManyRequests(after: string): ApiError {
  return new ApiError(429, 'too-many-requests', `too many requests from here: try again in ${after}`);
}

const STORE_STATUS = { exists: 409, 'not-found': 404, 'wrong-status': 409, unavailable: 503 } as const;

/** The status and code of any error thrown while handling a request. */
export function classify(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof ApiError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof ProtocolError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof ZodError)
    return { status: 400, code: 'malformed', message: `invalid request: ${describeIssues(error.issues)}` };
  if (error instanceof VerificationFailure)
    return { status: error.code === 'out-of-phase' ? 409 : 400, code: error.code, message: error.message };
  if (error instanceof CryptoError) return { status: 400, code: error.code, message: error.message };
  if (error instanceof StoreError)
    return { status: STORE_STATUS[error.code], code: error.code, message: error.message };
  if (error instanceof BoardError) {
    const status = error.code === 'not-found' ? 404 : error.code === 'conflict' ? 503 : 400;
    return { status, code: error.code, message: error.message };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation)
    return { status: 400, code: 'malformed', message: `invalid request: ${fastifyError.message}` };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      code: fastifyError.code?.toLowerCase().replace(/^fst_err_/, '') ?? 'bad-request',
      message: fastifyError.message,
    };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'something went wrong on the server; nothing was recorded',
  };
}

/** Fastify error handler: logs 5xx with the request id, answers with the classified error. */
export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message } = classify(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(status).send({ error: { code, message } });
}
