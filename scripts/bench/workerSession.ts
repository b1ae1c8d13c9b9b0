/**
 * The DevTools protocol of the page's model worker. Playwright gives sessions for pages only; a
 * worker's is reached by messages to its target through the browser's session.
 */
import type { CDPSession } from 'playwright-core';

/** Sends one protocol command to the worker and resolves with its result. */
export type WorkerCommand = <T>(method: string, params?: object) => Promise<T>;

/** How long a command may wait for its answer: a replaced worker never answers. */
const ANSWER_TIMEOUT_MS = 10_000;

/** Attaches to the model worker among the browser's targets (`browser`: its browser-wide session). */
export async function connectToModelWorker(browser: CDPSession): Promise<WorkerCommand> {
  const { targetInfos } = await browser.send('Target.getTargets');
  const worker = targetInfos.find((target) => target.type === 'worker' && target.url.includes('sim.worker'));
  if (!worker) throw new Error('no model worker among the browser targets');
  const { sessionId } = await browser.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  browser.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (reply.id === undefined) return;
    if (reply.result !== undefined) waiting.get(reply.id)?.(reply.result);
    waiting.delete(reply.id);
  });
  return async <T>(method: string, params: object = {}) => {
    const id = nextId++;
    const answered = new Promise<T>((resolve, reject) => {
      waiting.set(id, (result) => resolve(result as T));
      setTimeout(
        () => reject(new Error(`the model worker did not answer ${method} in ${ANSWER_TIMEOUT_MS / 1000} s`)),
        ANSWER_TIMEOUT_MS,
      );
    });
    await browser.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return answered;
  };
}
