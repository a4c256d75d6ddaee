import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { feedError } from './feed-errors.js';

/** One resolved address, as `dns.lookup` returns it with `all: true`. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/**
 * Resolves a host name to its addresses. Injectable so tests can map any name to any address
 * without touching real DNS.
 *
 * @example
 * ```ts
 * const lookup: DnsLookup = async () => [{ address: '10.0.0.5', family: 4 }];
 * ```
 */
export type DnsLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (`getaddrinfo`, so `/etc/hosts` counts), all addresses. */
export const systemLookup: DnsLookup = (hostname) => dnsLookup(hostname, { all: true });

type Range = readonly [address: string, prefix: number];

/**
 * Address ranges a feed may not point at, by the name used in error messages. Without this guard
 * anyone who can add a feed could make kabar fetch its own Redis, the cloud metadata service
 * (169.254.169.254) or the office intranet and post what comes back into a chat.
 * IPv6 addresses that carry an IPv4 address the network turns back into IPv4 match the IPv4
 * rules (see {@link embeddedIpv4Of}). Two such ranges are refused whole: Teredo (`2001::/32`), whose
 * IPv4 part is obfuscated and names a relay, and NAT64 local-use (`64:ff9b:1::/48`, RFC 8215),
 * where each network picks its own embedding, so the IPv4 address cannot be read reliably.
 */
const blockedRanges: ReadonlyArray<readonly [label: string, v4: readonly Range[], v6: readonly Range[]]> = [
  ['loopback', [['127.0.0.0', 8]], [['::1', 128]]],
  ['unspecified', [['0.0.0.0', 8]], [['::', 128]]],
  [
    'private',
    [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]],
    [['fc00::', 7], ['fec0::', 10], ['64:ff9b:1::', 48]],
  ],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['carrier-grade NAT', [['100.64.0.0', 10]], []],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  ['reserved', [['240.0.0.0', 4], ['192.0.0.0', 24], ['198.18.0.0', 15]], []],
  ['Teredo tunnel', [], [['2001::', 32]]],
];

const blockLists = blockedRanges.map(([label, v4, v6]) => {
  const list = new BlockList();
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return [label, list] as const;
});

/**
 * Names the blocked range `address` falls in (`'private'`, `'loopback'`, `'link-local'`...), or
 * `undefined` when it is a public address. Strings that are not IP addresses count as blocked
 * (`'invalid'`): the guard fails closed.
 *
 * @example
 * ```ts
 * blockedRangeOf('10.0.0.5'); // 'private'
 * blockedRangeOf('::ffff:127.0.0.1'); // 'loopback'
 * blockedRangeOf('93.184.216.34'); // undefined
 * ```
 */
export function blockedRangeOf(address: string): string | undefined {
  const version = isIP(address);
  if (version === 0) return 'invalid';
  const type = version === 4 ? 'ipv4' : 'ipv6';
  for (const [label, list] of blockLists) {
    if (list.check(address, type)) return label;
  }
  const embedded = version === 6 ? embeddedIpv4Of(address) : undefined;
  return embedded === undefined ? undefined : blockedRangeOf(embedded);
}

/**
 * The IPv4 address inside an IPv6 address of a form that the network translates or tunnels to
 * that IPv4 address, or `undefined`. Without this, `64:ff9b::a9fe:a9fe` (NAT64 for
 * 169.254.169.254) would reach the metadata service past a guard that only knows IPv6 ranges.
 *
 * - NAT64 well-known prefix `64:ff9b::/96` (RFC 6052): the last 32 bits.
 * - 6to4 `2002::/16` (RFC 3056): bits 16 to 47.
 * - IPv4-compatible `::/96` (deprecated), IPv4-mapped `::ffff:0:0/96`, IPv4-translated
 *   `::ffff:0:0:0/96` (RFC 2765): the last 32 bits.
 *
 * @example
 * ```ts
 * embeddedIpv4Of('64:ff9b::a9fe:a9fe'); // '169.254.169.254'
 * embeddedIpv4Of('2002:c000:0204::1'); // '192.0.2.4'
 * embeddedIpv4Of('2606:4700::1111'); // undefined
 * ```
 */
export function embeddedIpv4Of(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (groups === undefined) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeroUpTo4 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  if (g0 === 0x2002) return ipv4Of(g1, g2);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Of(g6, g7);
  if (zeroUpTo4 && g4 === 0 && (g5 === 0 || g5 === 0xffff)) return ipv4Of(g6, g7);
  if (zeroUpTo4 && g4 === 0xffff && g5 === 0) return ipv4Of(g6, g7);
  return undefined;
}

function ipv4Of(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The eight 16-bit groups of an IPv6 address `isIP` accepted (zone and dotted tail allowed). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group)) ? groups : undefined;
}

/** The error for a refused address, with the one setting that lifts the guard. */
export function blockedAddressError(host: string, address: string, range: string): Error {
  const what = host === address ? `feed address ${address}` : `feed host ${host} resolves to ${address}`;
  const article = /^[aeiou]/.test(range) ? 'an' : 'a';
  return feedError(
    'blocked-address',
    `${what}, ${article} ${range} address; set KABAR_ALLOW_PRIVATE_FEEDS=true to allow`,
  );
}

/**
 * Throws `blocked-address` when `host` is an IP literal in a blocked range and not in
 * `allowedAddresses`. Node skips the `lookup` hook for literals, so {@link createGuardedLookup}
 * never sees them.
 */
export function assertLiteralHostAllowed(host: string, allowedAddresses: ReadonlySet<string> = new Set()): void {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare) === 0 || allowedAddresses.has(bare)) return;
  const range = blockedRangeOf(bare);
  if (range !== undefined) throw blockedAddressError(bare, bare, range);
}

/** Options for {@link createGuardedLookup}. */
export interface GuardedLookupOptions {
  lookup: DnsLookup;
  allowPrivateAddresses: boolean;
  /** Exact addresses exempt from the guard (one intranet feed server, or a test server). */
  allowedAddresses?: ReadonlySet<string>;
}

/**
 * A `lookup` for `http.request` that resolves with `options.lookup` and refuses (with a
 * `blocked-address` error) when any address is in a blocked range. Checking here, at connect time,
 * rather than resolving once up front, means the address checked is the address connected to:
 * a DNS answer that changes between check and connect (DNS rebinding) cannot slip through.
 */
export function createGuardedLookup(options: GuardedLookupOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    // Node passes 4/6, or 'IPv4'/'IPv6' when a caller spelled it that way; 0 means either.
    const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
    const check = (all: readonly ResolvedAddress[]): ResolvedAddress[] => {
      const wanted = family === 4 || family === 6 ? all.filter((a) => a.family === family) : [...all];
      if (!options.allowPrivateAddresses) {
        for (const { address } of wanted) {
          if (options.allowedAddresses?.has(address)) continue;
          const range = blockedRangeOf(address);
          if (range !== undefined) throw blockedAddressError(hostname, address, range);
        }
      }
      if (wanted.length === 0) {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      }
      return wanted;
    };
    // Two-argument then: a throw inside `callback` must not reach the error branch and call it twice.
    options
      .lookup(hostname)
      .then(check)
      .then(
        (wanted) => {
          const first = wanted[0] as ResolvedAddress;
          if (lookupOptions.all === true) callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
          else callback(null, first.address, first.family);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0),
      );
  };
}
