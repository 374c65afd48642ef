// The main thread's side of the lab worker: one worker for the page (shared by <bit-learning> and
// <bit-ruler>), found beside this bundle (import.meta.url), with its own instance of the core.
//
// When no worker can be made (dist/ served from another origin than the page, workers blocked, or
// the core failing to load inside it), the same jobs run on the main thread instead, each in its
// own task (a MessageChannel message), so the lab still works; `mode` says which ('worker' or
// 'main'), and callers size their jobs by it (short slices on the main thread).
import { HANDLERS, errorRecord } from './lab-jobs.js';
import { core } from '../shared/core-store.js';

class LabClient {
  constructor() {
    this.mode = 'starting';
    this.pending = new Map();  // id → { resolve, reject, type, job }
    this.waiting = [];         // requests made before the worker said it was ready
    this.nextId = 1;
    this.channel = null;
    try {
      this.worker = new Worker(new URL('./lab-worker.js', import.meta.url), { type: 'module', name: 'bitruler-lab' });
    } catch {
      this.worker = null;
    }
    if (!this.worker) {
      this._fallback();
      return;
    }
    this.worker.addEventListener('message', (e) => this._onMessage(e.data));
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this._fallback();
    });
    this.worker.addEventListener('messageerror', () => this._fallback());
  }

  /** Runs a job ('train' | 'start' | 'ruler' | 'fit'); resolves to its value, rejects with { code, ... }. */
  request(type, job) {
    return new Promise((resolve, reject) => {
      const entry = { id: this.nextId++, type, job, resolve, reject };
      if (this.mode === 'worker') this._post(entry);
      else if (this.mode === 'main') this._runHere(entry);
      else this.waiting.push(entry);
    });
  }

  _post(entry) {
    this.pending.set(entry.id, entry);
    this.worker.postMessage({ id: entry.id, type: entry.type, job: entry.job });
  }

  _onMessage(data) {
    if (data?.type === 'ready') {
      this.mode = 'worker';
      for (const entry of this.waiting.splice(0)) this._post(entry);
      return;
    }
    if (data?.type === 'failed') {
      this._fallback();
      return;
    }
    const entry = this.pending.get(data?.id);
    if (!entry) return;
    this.pending.delete(data.id);
    if (data.ok) entry.resolve(data.value);
    else entry.reject(data.error);
  }

  /** From now on every job runs on the main thread (those in flight are run again here). */
  _fallback() {
    if (this.mode === 'main') return;
    this.mode = 'main';
    this.worker?.terminate();
    this.worker = null;
    const again = [...this.waiting.splice(0), ...this.pending.values()];
    this.pending.clear();
    for (const entry of again) this._runHere(entry);
  }

  // One job per task: the page handles input and draws between them.
  _runHere(entry) {
    if (!this.channel) {
      this.channel = new MessageChannel();
      this.queue = [];
      this.channel.port1.onmessage = () => {
        const next = this.queue.shift();
        if (!next) return;
        try {
          next.resolve(HANDLERS[next.type](core(), next.job));
        } catch (e) {
          next.reject(errorRecord(e));
        }
      };
    }
    this.queue.push(entry);
    this.channel.port2.postMessage(0);
  }
}

let shared = null;

/** The page's one lab client (made on first use, in the browser only). */
export function labClient() {
  if (!shared) shared = new LabClient();
  return shared;
}
