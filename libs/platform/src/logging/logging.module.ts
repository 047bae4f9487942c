import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import pinoPretty from 'pino-pretty';
import { AppConfig } from '../config/config';
import { CORRELATION_ATTRIBUTE } from '../telemetry/attributes';

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is sane, else a new one; echoed on the response. */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Correlation-Id', id);
  // The request's span, when tracing is on, carries the id the logs carry.
  trace.getActiveSpan()?.setAttribute(CORRELATION_ATTRIBUTE, id);
  return id;
}

/** Where log lines go: stdout for the servers, stderr for the command line, whose stdout is its output. */
export type LogStream = 'stdout' | 'stderr';

/**
 * Whether log lines are for a person (pino-pretty) rather than one JSON object a line, for
 * machines: as `LOG_FORMAT` says; unset, only in development on a terminal. `npm start`'s
 * supervisor pipes its programs' output, so it says `LOG_FORMAT=pretty` for them when its own
 * output is a terminal.
 */
export function logsArePretty(
  config: Pick<AppConfig, 'env' | 'logFormat'>,
  isTerminal: boolean,
): boolean {
  if (config.logFormat !== undefined) return config.logFormat === 'pretty';
  return config.env === 'development' && isTerminal;
}

/** Written synchronously, so that a process ending on purpose loses no line. */
function destinationOf(config: AppConfig, stream: LogStream): pino.DestinationStream {
  const fd = stream === 'stdout' ? 1 : 2;
  if (logsArePretty(config, process[stream].isTTY === true)) {
    // In this thread, not a transport's worker: a line is out before the next is written, so
    // the start-up lines and the demo's sign-in notice come out in the order they were written.
    return pinoPretty({
      destination: fd,
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}{context}: {end}{msg}',
    });
  }
  return pino.destination({ dest: fd, sync: true });
}

/** Structured logs; secrets never reach a log line. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, stream: LogStream = 'stdout'): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: correlationIdOf,
              customProps: (req) => ({ correlationId: req.id }),
              redact: {
                paths: [
                  'req.headers.authorization',
                  'req.headers.cookie',
                  'res.headers["set-cookie"]',
                  '*.password',
                  '*.accessToken',
                  '*.passwordHash',
                ],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: { method: string; url: string }) => ({
                  method: req.method,
                  url: req.url?.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            },
            destinationOf(config, stream),
          ],
        }),
      ],
    };
  }
}
