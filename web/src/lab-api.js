// Learning-lab and distribution-family functions of the bitruler API (filled in by the lab
// engineer). `wasm` is the instantiated Emscripten module, `call(name, ...args)` invokes one
// of its functions and returns the value or throws BitRulerError.
export function makeLabApi(wasm, call) {
  return {};
}
