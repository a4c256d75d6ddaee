/**
 * A loopback fake of DeepL API v2 `POST /v2/translate` (JSON body), as documented at
 * developers.deepl.com: `Authorization: DeepL-Auth-Key <key>`, `{text: [...], target_lang,
 * source_lang?, formality?, glossary_id?}`, at most 50 texts, answers
 * `{translations: [{detected_source_language, text}]}`.
 *
 * Its "translation" is `[<target_lang>] <text>`, so tests can see what was asked.
 */
import { startLoopbackServer, type FakeReply, type LoopbackServer, type RecordedRequest } from './loopback-server.js';

const TARGETS = new Set([
  'AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'EN-GB', 'EN-US', 'ES', 'ET', 'FI', 'FR', 'HU', 'ID', 'IT', 'JA',
  'KO', 'LT', 'LV', 'NB', 'NL', 'PL', 'PT-BR', 'PT-PT', 'RO', 'RU', 'SK', 'SL', 'SV', 'TR', 'UK', 'ZH-HANS', 'ZH-HANT',
]);
const FORMALITY = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT-BR', 'PT-PT', 'JA', 'RU']);

/** Starts the fake; only `apiKey` is accepted. */
export function startFakeDeepL(apiKey: string): Promise<LoopbackServer> {
  return startLoopbackServer((request) => handle(request, apiKey));
}

function handle(request: RecordedRequest, apiKey: string): FakeReply {
  if (request.method !== 'POST' || request.path !== '/v2/translate') return { status: 404, body: { message: 'Not found' } };
  if (request.headers.authorization !== `DeepL-Auth-Key ${apiKey}`) return { status: 403, body: { message: 'Forbidden' } };
  if (!request.headers['content-type']?.startsWith('application/json')) {
    return { status: 415, body: { message: 'Unsupported media type' } };
  }
  const body = JSON.parse(request.body) as Record<string, unknown>;
  const texts = body.text;
  const target = body.target_lang;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    return { status: 400, body: { message: "Parameter 'text' not specified." } };
  }
  if (texts.length > 50) return { status: 413, body: { message: 'Too many texts in request.' } };
  if (typeof target !== 'string' || !TARGETS.has(target)) {
    return { status: 400, body: { message: "Value for 'target_lang' not supported." } };
  }
  if (body.formality !== undefined && !FORMALITY.has(target)) {
    return { status: 400, body: { message: "'formality' is not supported for given 'target_lang'." } };
  }
  if (body.glossary_id !== undefined && body.source_lang === undefined) {
    return { status: 400, body: { message: "Use of a glossary requires the 'source_lang' parameter to be specified." } };
  }
  return {
    status: 200,
    body: {
      translations: texts.map((text: string) => ({
        detected_source_language: typeof body.source_lang === 'string' ? body.source_lang : 'EN',
        text: `[${target}] ${text}`,
      })),
    },
  };
}
