/**
 * The built app (dist/) served by `vite preview` on a free localhost port: the e2e suite's server
 * and the page benchmarks'.
 */
import { createServer } from 'node:net';
import { preview } from 'vite';

export interface PreviewServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
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

export async function startPreviewServer(logLevel: 'warn' | 'error'): Promise<PreviewServer> {
  const port = await getFreePort();
  const server = await preview({ preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel });
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}
