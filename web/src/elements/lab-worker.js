// The lab's Web Worker (dist/lab-worker.js, a module worker): its own instance of the core, so the
// learning lab's training and the ruler's large families are computed off the main thread, which
// only draws. Stateless: every request carries what it needs and the answer carries the result.
//
//   → { id, type: 'train' | 'start' | 'ruler' | 'fit', job }     ← { type: 'ready' } once the core is loaded
//   ← { id, ok: true, value } | { id, ok: false, error: { code, reason, limit, message } }
//   ← { type: 'failed', message } when the core cannot load here (the page then trains on the
//     main thread, see lab-client.js)
import { load } from '../core.js';
import { HANDLERS, errorRecord, transferList } from './lab-jobs.js';

const ready = load();
ready.then(() => postMessage({ type: 'ready' }), (e) => postMessage({ type: 'failed', message: String(e?.message ?? e) }));

addEventListener('message', async (event) => {
  const { id, type, job } = event.data ?? {};
  let api;
  try {
    api = await ready;
  } catch {
    return; // 'failed' was posted
  }
  try {
    const value = HANDLERS[type](api, job);
    postMessage({ id, ok: true, value }, transferList(type, value));
  } catch (e) {
    postMessage({ id, ok: false, error: errorRecord(e) });
  }
});
