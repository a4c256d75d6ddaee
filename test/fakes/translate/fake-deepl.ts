/**
 * A loopback fake of DeepL API v2 as documented at developers.deepl.com, with
 * `Authorization: DeepL-Auth-Key <key>`:
 * - `POST /v2/translate` (JSON body) `{text: [...], target_lang, source_lang?, formality?,
 *   glossary_id?}`, at most 50 texts, answers `{translations: [{detected_source_language, text}]}`;
 * - `GET /v2/glossary-language-pairs`, `GET /v2/glossaries`, and `POST /v2/glossaries` (JSON body
 *   `{name, source_lang, target_lang, entries, entries_format: 'tsv'}`, answers 201 and the glossary).
 *
 * Its "translation" is `[<target_lang>] <text>`, with a glossary's source terms replaced by their
 * renderings, as DeepL applies them, so tests can see what was asked.
 */
import { startLoopbackServer, type FakeReply, type LoopbackServer, type RecordedRequest } from './loopback-server.js';

const TARGETS = new Set([
  'AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'EN-GB', 'EN-US', 'ES', 'ET', 'FI', 'FR', 'HU', 'ID', 'IT', 'JA',
  'KO', 'LT', 'LV', 'NB', 'NL', 'PL', 'PT-BR', 'PT-PT', 'RO', 'RU', 'SK', 'SL', 'SV', 'TR', 'UK', 'ZH-HANS', 'ZH-HANT',
]);
const FORMALITY = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT-BR', 'PT-PT', 'JA', 'RU']);

// Language pairs the fake offers glossaries for (the real list comes from DeepL at run time).
const GLOSSARY_PAIRS = [
  ['en', 'id'],
  ['en', 'es'],
  ['en', 'de'],
  ['de', 'en'],
] as const;

interface FakeGlossary {
  glossary_id: string;
  name: string;
  source_lang: string;
  target_lang: string;
  entries: Array<[string, string]>;
}

/** Starts the fake; only `apiKey` is accepted. */
export function startFakeDeepL(apiKey: string): Promise<LoopbackServer> {
  const glossaries: FakeGlossary[] = [];
  return startLoopbackServer((request) => {
    if (request.headers.authorization !== `DeepL-Auth-Key ${apiKey}`) return { status: 403, body: { message: 'Forbidden' } };
    if (request.path === '/v2/glossary-language-pairs' && request.method === 'GET') {
      return { status: 200, body: { supported_languages: GLOSSARY_PAIRS.map(([source_lang, target_lang]) => ({ source_lang, target_lang })) } };
    }
    if (request.path === '/v2/glossaries' && request.method === 'GET') {
      return { status: 200, body: { glossaries: glossaries.map(({ entries, ...listed }) => ({ ...listed, ready: true, entry_count: entries.length })) } };
    }
    if (request.path === '/v2/glossaries' && request.method === 'POST') return createGlossary(request, glossaries);
    if (request.path === '/v2/translate' && request.method === 'POST') return translate(request, glossaries);
    return { status: 404, body: { message: 'Not found' } };
  });
}

function createGlossary(request: RecordedRequest, glossaries: FakeGlossary[]): FakeReply {
  const body = JSON.parse(request.body) as Record<string, unknown>;
  const { name, source_lang: source, target_lang: target, entries, entries_format: format } = body;
  if (typeof name !== 'string' || typeof source !== 'string' || typeof target !== 'string' || typeof entries !== 'string') {
    return { status: 400, body: { message: 'Missing or invalid argument' } };
  }
  if (format !== 'tsv') return { status: 400, body: { message: "Value for 'entries_format' not supported." } };
  if (!GLOSSARY_PAIRS.some(([s, t]) => s === source.toLowerCase() && t === target.toLowerCase())) {
    return { status: 400, body: { message: 'Unsupported glossary source and target language pair' } };
  }
  const rows = entries.split('\n').map((line) => line.split('\t'));
  if (rows.some((row) => row.length !== 2 || row.some((side) => side.trim() === '' || side !== side.trim()))) {
    return { status: 400, body: { message: 'Invalid glossary entries provided' } };
  }
  if (new Set(rows.map(([termSource]) => termSource)).size !== rows.length) {
    return { status: 400, body: { message: 'Duplicate source terms in glossary entries' } };
  }
  const glossary: FakeGlossary = {
    glossary_id: `fake-glossary-${glossaries.length + 1}`,
    name,
    source_lang: source.toLowerCase(),
    target_lang: target.toLowerCase(),
    entries: rows as Array<[string, string]>,
  };
  glossaries.push(glossary);
  const { entries: _entries, ...created } = glossary;
  return { status: 201, body: { ...created, ready: true, entry_count: rows.length } };
}

function translate(request: RecordedRequest, glossaries: readonly FakeGlossary[]): FakeReply {
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
  const glossary = glossaries.find((candidate) => candidate.glossary_id === body.glossary_id);
  if (body.glossary_id !== undefined && glossary === undefined) return { status: 404, body: { message: 'Glossary not found' } };
  if (glossary !== undefined && (glossary.source_lang !== String(body.source_lang).toLowerCase() || !target.toLowerCase().startsWith(glossary.target_lang))) {
    return { status: 400, body: { message: 'Glossary language pair does not match the source_lang and target_lang' } };
  }
  const applyGlossary = (text: string): string =>
    (glossary?.entries ?? []).reduce((applied, [termSource, termTarget]) => applied.replaceAll(termSource, termTarget), text);
  return {
    status: 200,
    body: {
      translations: texts.map((text: string) => ({
        detected_source_language: typeof body.source_lang === 'string' ? body.source_lang : 'EN',
        text: `[${target}] ${applyGlossary(text)}`,
      })),
    },
  };
}
