/**
 * JSON Schemas for Fastify routes and the OpenAPI document, generated from the protocol's zod schemas
 * so that there is one definition of each message. Fastify checks requests against them first; the
 * zod schemas (with their refinements) stay the final word inside the handlers.
 *
 * @example
 * ```ts
 * app.post('/x', { schema: { body: jsonSchema(Ballot) } }, handler);
 * ```
 */
// Adds `tags` and `summary` to route schemas (the OpenAPI document reads them).
import type {} from '@fastify/swagger';
import { z } from 'zod';

/** Draft-07 JSON Schema of a zod schema (what Fastify's validator and @fastify/swagger read). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
  return rest;
}

export const ElectionParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' } },
} as const;

export const TrusteeParams = {
  type: 'object',
  required: ['id', 'trustee'],
  properties: { ...ElectionParams.properties, trustee: { type: 'integer', minimum: 1, maximum: 255 } },
} as const;

/** The reply of every refusal. */
export const ErrorReply = {
  type: 'object',
  properties: {
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
} as const;
