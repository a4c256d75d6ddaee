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
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.5`) match the IPv4 rules: `BlockList` maps them.
 */
const blockedRanges: ReadonlyArray<readonly [label: string, v4: readonly Range[], v6: readonly Range[]]> = [
  ['loopback', [['127.0.0.0', 8]], [['::1', 128]]],
  ['unspecified', [['0.0.0.0', 8]], [['::', 128]]],
  ['private', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], [['fc00::', 7], ['fec0::', 10]]],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['carrier-grade NAT', [['100.64.0.0', 10]], []],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  ['reserved', [['240.0.0.0', 4], ['192.0.0.0', 24], ['198.18.0.0', 15]], []],
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
  return undefined;
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
