// RFC 9457 problem details: every error leaves the API as application/problem+json, naming the
// input field at fault. AppError codes map to HTTP status via ERROR_CODES; unknown errors become an
// opaque 500 carrying the request id (the error itself goes to the log, never to the client).
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../domain/errors.ts';

export interface FieldError { field: string; message: string; in?: string }

export interface Problem {
  type: string; title: string; status: number; detail: string; instance: string;
  code?: string; requestId: string; errors?: FieldError[];
}

export const ProblemSchema = z.looseObject({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), instance: z.string(),
  code: z.string().optional(), requestId: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string(), in: z.string().optional() })).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Error responses every route may give, for the OpenAPI document. */
export const problemResponses = { '4xx': ProblemSchema, '5xx': ProblemSchema } as const;

const TITLES: Record<ErrorCode, string> = {
  VALIDATION: 'Invalid request', UNAUTHENTICATED: 'Authentication required', FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found', CONFLICT: 'Conflict', IDEMPOTENCY_MISMATCH: 'Idempotency key reused with a different request',
  REFUSED: 'Refused by a business rule',
  UNSUPPORTED: 'Unsupported media type', INTERNAL: 'Internal error',
};

const typeOf = (code: ErrorCode) => `urn:regulars:problem:${code.toLowerCase().replace(/_/g, '-')}`;

function send(reply: FastifyReply, p: Problem): FastifyReply {
  if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="regulars"');
  return reply.code(p.status).type('application/problem+json').send(p);
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const status = ERROR_CODES[err.code];
  // Details become extension members; they never override the standard ones.
  return send(reply, {
    ...(err.details ?? {}),
    type: typeOf(err.code), title: TITLES[err.code], status, detail: err.message, instance: req.url, code: err.code, requestId: req.id,
    ...(err.field ? { errors: [{ field: err.field, message: err.message }] } : {}),
  });
}

export function errorHandler(error: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError && error.code !== 'INTERNAL') return sendProblem(req, reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const errors = error.validation.map((v) => ({ field: v.instancePath || '/', message: v.message ?? 'invalid', in: where }));
    return send(reply, {
      type: typeOf('VALIDATION'), title: TITLES.VALIDATION, status: 400, code: 'VALIDATION', instance: req.url, requestId: req.id,
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors,
    });
  }
  // Fastify's own client errors (bad JSON, wrong content type, body too large) are safe to describe.
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return send(reply, { type: 'about:blank', title: STATUS_CODES[status] ?? 'Client error', status, detail: error.message, instance: req.url, requestId: req.id });
  }
  req.log.error({ err: error, reqId: req.id }, 'unhandled error');
  return send(reply, {
    type: typeOf('INTERNAL'), title: TITLES.INTERNAL, status: 500, code: 'INTERNAL', instance: req.url, requestId: req.id,
    detail: `Something went wrong on our side. Quote request id ${req.id} when reporting it.`,
  });
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, {
    type: typeOf('NOT_FOUND'), title: TITLES.NOT_FOUND, status: 404, code: 'NOT_FOUND', instance: req.url, requestId: req.id,
    detail: `no route ${req.method} ${req.url.split('?')[0]}`,
  });
}
