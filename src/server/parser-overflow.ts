/** What the HTTP parser hands over when it gives up: the packet it was reading and where it stopped. */
export interface ParserError {
  readonly code?: string;
  readonly rawPacket?: Buffer;
  readonly bytesParsed?: number;
}

const SPACE = 0x20;
const LINE_FEED = 0x0a;
const REQUEST_START = /^[A-Z]{3,12} /;

/**
 * Whether a header overflow of the parser happened in the request line (414) rather than in the
 * headers (431). The parser stops where the piece it was counting ends: a space ends the request
 * target, a colon a header name, a line end a header value. When it stopped at the end of what had
 * arrived, the request line is known only if that packet starts the request and holds no line end.
 */
export function overflowInRequestLine(error: ParserError): boolean {
  const { rawPacket: packet, bytesParsed: at } = error;
  if (packet === undefined || at === undefined) return false;
  if (at < packet.length) return packet[at] === SPACE;
  const read = packet.subarray(0, at);
  return !read.includes(LINE_FEED) && REQUEST_START.test(read.subarray(0, 16).toString('latin1'));
}
