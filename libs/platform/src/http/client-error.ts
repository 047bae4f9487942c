import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from './http-exception.filter';

/** Node's codes for requests it cannot parse, and the status each is answered with. */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * A request Node's HTTP parser refuses (bytes that are not allowed in a path, headers over
 * 16 kB, a malformed request line) never reaches Express or the exception filter; Node answers
 * it with an empty body. This answers it as every other error is answered, in JSON, then closes
 * the connection as Node does: its framing cannot be trusted.
 */
export function answerUnparsableRequestsInJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0) {
      const status = STATUS_OF_CODE[error.code ?? ''] ?? 400;
      const message =
        status === 431
          ? 'The request headers are too large'
          : status === 408
            ? 'The request took too long to arrive'
            : status === 413
              ? 'The request is too large'
              : 'The request could not be read as HTTP';
      const body = JSON.stringify(errorBody(status, message));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          'Content-Type: application/json; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy(error);
  });
}
