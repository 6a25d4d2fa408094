/**
 * Checks the LSP base-protocol framing on stdio before vscode-jsonrpc's StreamMessageReader sees it.
 * That reader waits forever, silently, after a header it cannot use (a non-numeric, negative or huge
 * Content-Length, no Content-Length, or lines ended by LF alone), so the server would never answer
 * again. This guard passes well-framed bytes on unchanged and reports the first broken header, so
 * that server/main.ts can say so on stderr and exit non-zero (the client restarts it within its
 * restart budget, client/src/restart-budget.ts).
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Larger bodies are refused: no document the server lints comes near it. */
export const MAX_CONTENT_LENGTH = 2 ** 30;
/** A header part longer than this without its blank line is not a header. */
const MAX_HEADER_BYTES = 8192;
const CRLF2 = Buffer.from('\r\n\r\n');

/** Returns the problem with a complete header part (without its final CRLF CRLF), or the body length. */
export function checkHeader(header: string): { length: number } | { problem: string } {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { problem: `malformed header line ${JSON.stringify(line)}` };
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return { problem: `invalid Content-Length ${JSON.stringify(value)}` };
    length = Number(value);
    if (length > MAX_CONTENT_LENGTH) return { problem: `Content-Length ${value} exceeds ${MAX_CONTENT_LENGTH}` };
  }
  if (length === undefined) return { problem: `header without Content-Length: ${JSON.stringify(header)}` };
  return { length };
}

export class FramingGuard extends Transform {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;
  private broken = false;

  constructor(private readonly onBroken: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0 && !this.broken) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, take));
        this.bodyLeft -= take;
        data = data.subarray(take);
        continue;
      }
      data = this.readHeader(data);
    }
    done();
  }

  /** Consumes header bytes from `data`; returns what follows the header (or nothing while it is incomplete). */
  private readHeader(data: Buffer): Buffer {
    this.header = Buffer.concat([this.header, data]);
    const end = this.header.indexOf(CRLF2);
    const part = end < 0 ? this.header : this.header.subarray(0, end);
    const lf = part.findIndex((byte, i) => byte === 0x0a && (i === 0 || part[i - 1] !== 0x0d));
    if (lf >= 0) return this.fail('header line ended by LF without CR (the base protocol requires CRLF)');
    if (end < 0) {
      if (this.header.length > MAX_HEADER_BYTES) return this.fail(`no end of header within ${MAX_HEADER_BYTES} bytes`);
      return Buffer.alloc(0);
    }
    const checked = checkHeader(part.toString('ascii'));
    if ('problem' in checked) return this.fail(checked.problem);
    this.push(this.header.subarray(0, end + CRLF2.length));
    const rest = this.header.subarray(end + CRLF2.length);
    this.header = Buffer.alloc(0);
    this.bodyLeft = checked.length;
    return rest;
  }

  private fail(problem: string): Buffer {
    this.broken = true;
    this.onBroken(problem);
    return Buffer.alloc(0);
  }
}
