import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isKabarError } from '../../../src/core/errors.js';
import {
  assertLiteralHostAllowed,
  blockedRangeOf,
  createGuardedLookup,
  type DnsLookup,
  embeddedIpv4Of,
} from '../../../src/adapters/feeds/address-guard.js';

describe('blockedRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(blockedRangeOf(address)).toBe(range);
  });

  it.each([
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64 of 169.254.169.254
    ['64:ff9b::169.254.169.254', 'link-local'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b:1::a9fe:a9fe', 'private'], // NAT64 local-use: refused whole
    ['64:ff9b:1:abcd::8.8.8.8', 'private'],
    ['2002:a9fe:a9fe::1', 'link-local'], // 6to4 of 169.254.169.254
    ['2002:0a00:0005:1::2', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo tunnel'],
    ['2001::1', 'Teredo tunnel'],
    ['::169.254.169.254', 'link-local'], // IPv4-compatible
    ['::a9fe:a9fe', 'link-local'],
    ['::127.0.0.1', 'loopback'],
    ['::a00:5', 'private'],
    ['::ffff:0:10.0.0.5', 'private'], // IPv4-translated
  ])('%s, which embeds IPv4, is %s', (address, range) => {
    expect(blockedRangeOf(address)).toBe(range);
  });

  it.each([
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '8.8.8.8',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '2001:db8::1',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '::ffff:0:808:808',
  ])(
    '%s is public',
    (address) => {
      expect(blockedRangeOf(address)).toBeUndefined();
    },
  );
});

describe('embeddedIpv4Of', () => {
  it.each([
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['64:ff9b::192.0.2.33', '192.0.2.33'],
    ['2002:c000:0204::1', '192.0.2.4'],
    ['2002:c000:204:1:2:3:4:5', '192.0.2.4'],
    ['::c000:204', '192.0.2.4'],
    ['::ffff:192.0.2.4', '192.0.2.4'],
    ['::ffff:0:c000:204', '192.0.2.4'],
    ['fe80::c000:204%eth0', undefined],
    ['2606:4700::1111', undefined],
    ['64:ff9b:0:0:0:1:c000:204', undefined],
  ])('%s embeds %s', (address, ipv4) => {
    expect(embeddedIpv4Of(address)).toBe(ipv4);
  });
});

describe('assertLiteralHostAllowed', () => {
  it('refuses private IP literals, bracketed IPv6 included, and lets names and exempted addresses through', () => {
    expect(() => assertLiteralHostAllowed('10.0.0.5')).toThrow(/blocked-address: feed address 10\.0\.0\.5, a private address/);
    expect(() => assertLiteralHostAllowed('[::1]')).toThrow(/loopback/);
    expect(() => assertLiteralHostAllowed('[64:ff9b::a9fe:a9fe]')).toThrow(
      /feed address 64:ff9b::a9fe:a9fe, a link-local address/,
    );
    expect(() => assertLiteralHostAllowed('[2001:0:4136:e378:8000:63bf:3fff:fdd2]')).toThrow(/a Teredo tunnel address/);
    expect(() => assertLiteralHostAllowed('[2606:4700::1111]')).not.toThrow();
    expect(() => assertLiteralHostAllowed('example.com')).not.toThrow();
    expect(() => assertLiteralHostAllowed('8.8.8.8')).not.toThrow();
    expect(() => assertLiteralHostAllowed('127.0.0.1', new Set(['127.0.0.1']))).not.toThrow();
  });
});

function lookupOnce(
  lookup: ReturnType<typeof createGuardedLookup>,
  hostname: string,
  options: { all?: boolean; family?: number },
): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number | undefined }> {
  return new Promise((resolve) => {
    lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createGuardedLookup', () => {
  const table: Record<string, LookupAddress[]> = {
    'public.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ],
    'mixed.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ],
    'metadata.test': [{ address: '169.254.169.254', family: 4 }],
    'nat64-metadata.test': [{ address: '64:ff9b::a9fe:a9fe', family: 6 }],
  };
  const dns: DnsLookup = async (hostname) => table[hostname] ?? [];

  it('answers in both callback shapes Node uses (all: true for autoSelectFamily)', async () => {
    const lookup = createGuardedLookup({ lookup: dns, allowPrivateAddresses: false });
    const all = await lookupOnce(lookup, 'public.test', { all: true });
    expect(all.error).toBeNull();
    expect(all.address).toEqual(table['public.test']);
    const single = await lookupOnce(lookup, 'public.test', { family: 6 });
    expect(single).toMatchObject({ error: null, address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 });
  });

  it('refuses a host when any of its addresses is blocked, naming it and the fix', async () => {
    const lookup = createGuardedLookup({ lookup: dns, allowPrivateAddresses: false });
    const mixed = await lookupOnce(lookup, 'mixed.test', { all: true });
    expect(isKabarError(mixed.error, 'permanent')).toBe(true);
    expect(mixed.error).toMatchObject({ code: 'blocked-address' });
    expect(mixed.error?.message).toBe(
      'blocked-address: feed host mixed.test resolves to 10.0.0.5, a private address; set KABAR_ALLOW_PRIVATE_FEEDS=true to allow',
    );
    const metadata = await lookupOnce(lookup, 'metadata.test', {});
    expect(metadata.error?.message).toMatch(/169\.254\.169\.254, a link-local address/);
    const nat64 = await lookupOnce(lookup, 'nat64-metadata.test', { all: true });
    expect(nat64.error?.message).toMatch(/resolves to 64:ff9b::a9fe:a9fe, a link-local address/);
  });

  it('allows everything when allowPrivateAddresses is set, and reports unknown hosts as ENOTFOUND', async () => {
    const lookup = createGuardedLookup({ lookup: dns, allowPrivateAddresses: true });
    expect((await lookupOnce(lookup, 'mixed.test', { all: true })).error).toBeNull();
    const missing = await lookupOnce(lookup, 'missing.test', { all: true });
    expect(missing.error?.code).toBe('ENOTFOUND');
  });

  it('passes DNS failures through as errors, never throws', async () => {
    const failing: DnsLookup = () => Promise.reject(Object.assign(new Error('queryA EAI_AGAIN'), { code: 'EAI_AGAIN' }));
    const lookup = createGuardedLookup({ lookup: failing, allowPrivateAddresses: false });
    expect((await lookupOnce(lookup, 'x.test', { all: true })).error?.code).toBe('EAI_AGAIN');
  });
});
