import { isIP } from 'node:net';

/**
 * Address classes: which IP addresses are not on the public internet (loopback, private,
 * link-local, reserved …), in both families and in the IPv6 forms that carry an IPv4 address.
 * The outbound guard (outbound.ts) refuses these unless the operator allows them.
 */
export type Range = { bytes: number[]; bits: number };

function parseV4(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

function parseV6(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v4 = parseV4(quad[1] as string);
    if (!v4) return null;
    text = `${text.slice(0, -(quad[1] as string).length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    const n = Number.parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return bytes.length === 16 ? bytes : null;
}

/** The bytes of an IP address (4 or 16), or null when it is not one. */
export function ipBytes(ip: string): number[] | null {
  const family = isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return parseV4(ip);
  if (family === 6) return parseV6(ip);
  return null;
}

export function range(cidr: string): Range {
  const [ip, bits] = cidr.split('/');
  const bytes = ipBytes(ip as string);
  if (!bytes) throw new Error(`bad range ${cidr}`);
  return { bytes, bits: bits === undefined ? bytes.length * 8 : Number(bits) };
}

export function inRange(bytes: number[], r: Range): boolean {
  if (bytes.length !== r.bytes.length) return false;
  for (let bit = 0; bit < r.bits; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[i] as number) & mask) !== ((r.bytes[i] as number) & mask)) return false;
  }
  return true;
}

const BLOCKED_V4 = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local (cloud metadata lives here)
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
].map(range);

const BLOCKED_V6 = [
  '::/96', // unspecified, loopback, deprecated IPv4-compatible
  '100::/64', // discard
  '2001:db8::/32', // documentation
  'fc00::/7', // unique local
  'fe80::/10', // link-local
  'fec0::/10', // deprecated site-local
  'ff00::/8', // multicast
].map(range);

/** IPv6 forms that carry an IPv4 address: the IPv4 address decides. */
const EMBEDDED_V4: { range: Range; offset: number }[] = [
  { range: range('::ffff:0:0/96'), offset: 12 }, // IPv4-mapped
  { range: range('64:ff9b::/96'), offset: 12 }, // NAT64
  { range: range('2002::/16'), offset: 2 }, // 6to4
];

/** True for any address that is not on the public internet. */
export function isNonPublicAddress(ip: string): boolean {
  const bytes = ipBytes(ip);
  if (!bytes) return true;
  if (bytes.length === 4) return BLOCKED_V4.some((r) => inRange(bytes, r));
  for (const e of EMBEDDED_V4) {
    if (inRange(bytes, e.range)) return isNonPublicAddress(bytes.slice(e.offset, e.offset + 4).join('.'));
  }
  return BLOCKED_V6.some((r) => inRange(bytes, r));
}
