import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './tests/slowestFirst.ts';
import { warmStateFile, warmStateModule } from './scripts/warmStatePlugin.ts';

export default defineConfig({
  // The default link's precomputed warm state: made at build time, read by the worker.
  plugins: [react(), warmStateModule(), warmStateFile()],
  worker: { format: 'es', plugins: () => [warmStateModule()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    // Slowest test files first, so that both cores stay busy to the end (tests/slowestFirst.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          // Generous: on a shared 2-core machine under load a 20 s test can take 80 s, and a
          // beforeAll that runs the model needs as long as a test (the default hook limit is 10 s).
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A test file per core. Vitest's default leaves one core to its own process, which on
          // a 2-core machine runs the whole suite on one core; the main process is near idle.
          maxWorkers: availableParallelism(),
          // One module cache per worker, not per file: most files import the model (and d3, h3),
          // and loading it again for each of ~90 files cost more CPU than the small files' tests.
          // No file depends on fresh module state; the one that mocks a model module resets
          // the modules around its tests (tests/sim/queueing.test.ts).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.ts'],
          // One file at a time: the machine has two cores and WebGL runs in software, so one file
          // already keeps them ~84% busy (page loads, the model's workers, SwiftShader). Two files
          // at once were slower, not faster: panels + shell 58.7 s one after the other, 78.7 s side
          // by side, with tests two to four times as long (nearer their timeouts).
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});
