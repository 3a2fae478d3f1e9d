/**
 * The bytes of `data` in memory of their own. `Buffer.from` carves small buffers out of a shared
 * 8 KB pool, and one kept buffer keeps its whole pool slab alive: use this for bytes kept for the
 * life of the server (fixtures, cached answers), not for bytes sent once.
 */
export function standaloneBuffer(data: string | Uint8Array): Buffer {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  const buffer = Buffer.allocUnsafeSlow(size);
  if (typeof data === 'string') buffer.write(data);
  else buffer.set(data);
  return buffer;
}
