// The natural and binary logarithms of the core, the same code natively and in WebAssembly.
//
// The C library's log and log2 (glibc natively, musl in the module) are the same table-driven
// algorithm, but each carries 2-4 KB of tables, the largest data in the WebAssembly module. These
// are fdlibm's (FreeBSD msun e_log.c / e_log2.c, as musl writes them): table-free, < 1 ulp, and
// exact where it matters here: log(1) = log2(1) = 0, log2(2^k) = k. Being the core's own code,
// every result that uses them is the same bits natively and in WASM.
#pragma once

namespace bitruler::math {

// ln x: -infinity for +-0, NaN for x < 0 and NaN, +infinity for +infinity.
double log(double x);
// log2 x, with the same special values.
double log2(double x);

}  // namespace bitruler::math
