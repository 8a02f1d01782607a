/**
 * Who a request comes from: its client address, through the proxies we trust and no others.
 */
import { BlockList, isIP } from 'node:net';

/**
 * The client's address: the socket's peer, or, when that peer is one of `trustedProxies`, the
 * nearest address in `X-Forwarded-For` that is not a trusted proxy. A client that talks to us
 * directly cannot choose its address by sending the header.
 */
export function clientAddress(request: Request, serverContext: unknown, trustedProxies: BlockList | null): string {
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress;
  const peer = normalise(socket ?? 'local');
  if (!trustedProxies || !isTrusted(trustedProxies, peer)) return peer;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => normalise(a.trim()))
    .filter((a) => isIP(a) !== 0);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!isTrusted(trustedProxies, forwarded[i]!)) return forwarded[i]!;
  return forwarded[0] ?? peer;
}

const normalise = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A BlockList of proxies from addresses and CIDR ranges (`10.0.0.0/8`, `::1`); null for none. */
export function trustedProxyList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}
