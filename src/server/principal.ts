/**
 * Who is making a request, once authenticated: an organiser (admin), a voter of one election, or a
 * trustee of one election. Set by the preHandlers of auth.ts; read by the routes.
 */
export interface Principal {
  readonly kind: 'admin' | 'voter' | 'trustee';
  /** Admin username, voter (member) id, or trustee index as text. */
  readonly subject: string;
  readonly election: string | null;
  /** How the request authenticated: a cookie session must also carry the CSRF token on writes. */
  readonly via: 'cookie' | 'bearer';
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
