/**
 * A loopback fake of Apertium APY, shaped after apertium-apy 0.11: `GET /listPairs` ->
 * `{responseData: [{sourceLanguage, targetLanguage}], responseDetails: null, responseStatus: 200}`;
 * `GET|POST /translate` with `langpair=eng|spa`, `q`, `markUnknown`, `format` ->
 * `{responseData: {translatedText}, responseDetails: null, responseStatus: 200}`; errors
 * `{status: 'error', code, message, explanation}` (400 "That pair is not installed").
 *
 * It "translates" word by word from a tiny dictionary and marks unknown words with `*` unless
 * `markUnknown=no`, like the real server.
 */
import { startLoopbackServer, type FakeReply, type LoopbackServer, type RecordedRequest } from './loopback-server.js';

const DICTIONARY: Readonly<Record<string, string>> = {
  the: 'la',
  white: 'blanca',
  house: 'casa',
  said: 'dijo',
  hello: 'hola',
};

/** Starts the fake with the given installed pairs (default `eng|spa`, `spa|eng`, `spa|eng_US`). */
export function startFakeApertium(pairs: readonly string[] = ['eng|spa', 'spa|eng', 'spa|eng_US']): Promise<LoopbackServer> {
  return startLoopbackServer((request) => handle(request, pairs));
}

function apyError(code: number, explanation: string): FakeReply {
  return { status: code, body: { status: 'error', code, message: code === 400 ? 'Bad Request' : 'Error', explanation } };
}

function handle(request: RecordedRequest, pairs: readonly string[]): FakeReply {
  if (request.path === '/listPairs') {
    return {
      status: 200,
      body: {
        responseData: pairs.map((pair) => {
          const [sourceLanguage, targetLanguage] = pair.split('|');
          return { sourceLanguage, targetLanguage };
        }),
        responseDetails: null,
        responseStatus: 200,
      },
    };
  }
  if (request.path !== '/translate') return apyError(404, 'Resource requested does not exist');
  const params = request.method === 'POST' ? new URLSearchParams(request.body) : request.query;
  const langpair = params.get('langpair');
  const q = params.get('q');
  if (langpair === null || q === null) return apyError(400, 'Missing argument');
  if (!/^[a-z]{3}(_\w+)?\|[a-z]{3}(_\w+)?$/.test(langpair)) return apyError(400, 'That pair is invalid, use e.g. eng|spa');
  if (!pairs.includes(langpair)) return apyError(400, 'That pair is not installed');
  const markUnknown = !['no', 'false', '0'].includes(params.get('markUnknown')?.toLowerCase() ?? 'yes');
  const translatedText = q.replace(/[\p{L}]+/gu, (word) => {
    const known = DICTIONARY[word.toLowerCase()];
    if (known === undefined) return markUnknown ? `*${word}` : word;
    return word[0] === word[0]?.toUpperCase() ? known[0]?.toUpperCase() + known.slice(1) : known;
  });
  return { status: 200, body: { responseData: { translatedText }, responseDetails: null, responseStatus: 200 } };
}
