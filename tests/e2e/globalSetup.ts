/**
 * Serves the built app (dist/, built by `npm run test:e2e` just before) with `vite preview` on a
 * free localhost port, and starts the suite's one Chromium, after checking once that a browser
 * exists, so a missing Chromium fails the run with one clear line instead of every test timing out.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { findChromium, getLaunchOptions } from './browser';
import { startPreviewServer } from './previewServer';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The suite's one Chromium (launchBrowser connects to it); empty outside the suite. */
    browserWsEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  findChromium();
  if (!existsSync('dist/index.html')) {
    throw new Error('dist/ is missing: run the e2e suite with `npm run test:e2e`, which builds first.');
  }
  const server = await startPreviewServer('warn');
  project.provide('baseUrl', server.baseUrl);
  const browserServer = await chromium.launchServer(getLaunchOptions());
  project.provide('browserWsEndpoint', browserServer.wsEndpoint());
  return async () => {
    await browserServer.close();
    await server.close();
  };
}
