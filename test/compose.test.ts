/**
 * docker-compose.yml cannot be run in the tests (no Docker engine); this reads it as YAML and
 * checks the wiring of the optional self-hosted translator: a LibreTranslate service under the
 * `translate` profile, loading only the languages kabar needs, with its models on a volume, and
 * kabar pointed at it; and the security settings: Redis never published, kabar locked down.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// js-yaml comes with eslint and has no type declarations here: typed at the one call used.
const yaml = 'js-yaml';
const { load } = (await import(yaml)) as { load(text: string): unknown };

interface Service {
  image?: string;
  ports?: Array<string | { host_ip?: string; published?: string | number }>;
  read_only?: boolean;
  tmpfs?: string[];
  user?: string;
  cap_drop?: string[];
  security_opt?: string[];
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
}
const compose = load(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('runs LibreTranslate only under the translate profile, loading English and Indonesian by default, models on a volume', () => {
    const libre = compose.services.libretranslate;
    expect(libre?.image).toMatch(/^libretranslate\/libretranslate(:|$)/);
    expect(libre?.profiles).toEqual(['translate']);
    expect(libre?.environment?.LT_LOAD_ONLY).toBe('${LT_LOAD_ONLY:-en,id}');
    expect(libre?.volumes).toEqual(['libretranslate-models:/home/libretranslate/.local']);
    expect(Object.keys(compose.volumes)).toContain('libretranslate-models');
  });

  it('points kabar and the workers at it, without requiring it when the profile is off', () => {
    for (const name of ['kabar', 'worker']) {
      expect(compose.services[name]?.environment?.LIBRETRANSLATE_URL, name).toBe('${LIBRETRANSLATE_URL:-http://libretranslate:5000}');
    }
    expect(compose.services.kabar?.depends_on?.libretranslate).toEqual({ condition: 'service_started', required: false });
    // The other services stay on without any profile.
    expect(compose.services.kabar?.profiles).toBeUndefined();
  });

  it('keeps Redis and LibreTranslate off the host, and publishes anything else on the loopback only', () => {
    expect(compose.services.redis?.ports).toBeUndefined();
    expect(compose.services.libretranslate?.ports).toBeUndefined();
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) {
        const hostIp = typeof port === 'string' ? port.split(':')[0] : port.host_ip;
        expect(hostIp, `${name} publishes ${JSON.stringify(port)}`).toBe('127.0.0.1');
      }
    }
  });

  it('runs kabar and the workers locked down: read-only root, tmpfs /tmp, no capabilities, not as root', () => {
    for (const name of ['kabar', 'worker']) {
      const service = compose.services[name];
      expect(service?.read_only, name).toBe(true);
      expect(service?.tmpfs?.some((mount) => mount.split(':')[0] === '/tmp'), name).toBe(true);
      expect(service?.cap_drop, name).toEqual(['ALL']);
      expect(service?.security_opt, name).toContain('no-new-privileges:true');
      expect(service?.user, name).toBeUndefined();
    }
    // The image's own user, which compose does not override: the last USER of the Dockerfile.
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe('node');
  });
});
