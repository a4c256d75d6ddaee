/** kabar's version, as in package.json; sent in the feed fetcher's User-Agent. */
export const KABAR_VERSION = '0.1.0';
