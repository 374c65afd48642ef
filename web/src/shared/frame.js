// Coalesces bursts of input (pointermove fires up to 1000 times a second on some devices) into one
// call per animation frame, with the latest arguments. The one throttle every element uses.
export function perFrame(fn) {
  let pending = null;
  let handle = 0;
  const run = () => {
    handle = 0;
    const args = pending;
    pending = null;
    if (args) fn(...args);
  };
  const schedule = (...args) => {
    pending = args;
    if (!handle) handle = requestAnimationFrame(run);
  };
  /** Runs a pending call now (e.g. on pointerup, so the last position is never lost). */
  schedule.flush = () => {
    if (handle) cancelAnimationFrame(handle);
    run();
  };
  schedule.cancel = () => {
    if (handle) cancelAnimationFrame(handle);
    handle = 0;
    pending = null;
  };
  return schedule;
}

/**
 * Follows one pointer from its pointerdown event `down` on `target` (captured, so the drag goes on
 * outside the picture): `move(event)` for each pointermove, `end()` once on pointerup/cancel.
 */
export function trackPointer(target, down, move, end) {
  const up = () => {
    end();
    target.removeEventListener('pointermove', move);
    target.removeEventListener('pointerup', up);
    target.removeEventListener('pointercancel', up);
  };
  target.setPointerCapture(down.pointerId);
  target.addEventListener('pointermove', move);
  target.addEventListener('pointerup', up);
  target.addEventListener('pointercancel', up);
  down.preventDefault();
}
