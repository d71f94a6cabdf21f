import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Logs are operational data, kept longer and seen by more people than the records themselves, so
 * nothing a client sends may reach them: no bodies, no headers, no query values. What is logged
 * is whitelisted by the serializers below; redaction is the second line of defence for objects
 * that code passes to the logger by mistake.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers',
  '*.headers',
  'body',
  '*.body',
  'params',
  '*.params',
];

export function loggerOptions(level: LoggerOptions['level']): LoggerOptions {
  return {
    level,
    base: { service: 'anxin' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: serializeRequest,
      res: serializeReply,
      err: serializeError,
    },
  };
}

export function createLogger(level: LoggerOptions['level'], stream?: DestinationStream): Logger {
  return stream ? pino(loggerOptions(level), stream) : pino(loggerOptions(level));
}

/**
 * The URL is logged as the matched route's pattern (`/api/v1/clients/:id`), not the raw path:
 * paths carry identifiers and, for invitation or reset links, secrets. Unmatched paths are not
 * logged at all.
 */
function serializeRequest(req: FastifyRequest) {
  const pattern = req.routeOptions.url;
  return {
    method: req.method,
    url: pattern ? redactQuery(pattern + queryOf(req.url)) : '[unmatched]',
    remoteAddress: req.ip,
  };
}

function queryOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q);
}

function serializeReply(reply: FastifyReply) {
  return { statusCode: reply.statusCode };
}

/** Keeps the path and the query's parameter names; drops every value. */
export function redactQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${encodeURIComponent(decodeSafe(pair.split('=')[0] ?? ''))}=[redacted]`);
  return `${url.slice(0, q)}?${names.join('&')}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  stack?: string;
  statusCode?: number;
  cause?: unknown;
}

/**
 * Drizzle wraps driver errors as "Failed query: <sql> params: <values>", and parsers quote their
 * input: keep the SQL text (it holds no values) and the driver's code, never the parameters.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as ErrorLike;
  const message = sanitizeMessage(e.message ?? '');
  const cause = e.cause && typeof e.cause === 'object' ? (e.cause as ErrorLike) : undefined;
  return {
    type: e.name,
    message,
    code: e.code,
    statusCode: e.statusCode,
    // Frames only: V8 repeats the (possibly multi-line) message at the top of the stack.
    stack: e.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
    ...(cause ? { cause: { type: cause.name, code: cause.code } } : {}),
  };
}

function sanitizeMessage(message: string): string {
  const params = message.indexOf('\nparams:');
  if (message.startsWith('Failed query:')) return params < 0 ? message : message.slice(0, params);
  // JSON.parse and friends quote the text they choked on.
  if (/JSON|Unexpected token/.test(message)) return 'unparseable input (content not logged)';
  return message;
}
