// Type declarations for dist/facts.js: the module's boundary facts, generated at build time from
// the C++ constants (the same object as `FACTS` from core.js and `api.facts`).
import type { Facts } from './core.js';

export declare const FACTS: Facts;
export default FACTS;
