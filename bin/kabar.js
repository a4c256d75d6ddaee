#!/usr/bin/env node
// The `kabar` command. A production build (`npm run build`, the Docker image) runs the compiled
// dist/cli.js; a source checkout runs src/cli.ts through tsx, so `npm ci && npm start` needs no build.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (existsSync(compiled) && process.env.KABAR_FROM_SOURCE !== 'true') {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
