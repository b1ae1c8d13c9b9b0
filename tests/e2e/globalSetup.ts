/**
 * Serves the built app (dist/, built by `npm run test:e2e` just before) with `vite preview` on a
 * free localhost port, and starts the suite's one Chromium, after checking once that a browser
 * exists, so a missing Chromium fails the run with one clear line instead of every test timing out.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { findChromium, getLaunchOptions } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The suite's one Chromium (launchBrowser connects to it); empty outside the suite. */
    browserWsEndpoint: string;
  }
}

function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  findChromium();
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ is missing: run the e2e suite with `npm run test:e2e`, which builds first.');
  }
  const port = await getFreePort();
  const server = await preview({ preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  const browserServer = await chromium.launchServer(getLaunchOptions());
  project.provide('browserWsEndpoint', browserServer.wsEndpoint());
  return async () => {
    await browserServer.close();
    await server.close();
  };
}
