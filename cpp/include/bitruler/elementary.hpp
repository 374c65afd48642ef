// The logarithms, the exponential and the error functions of the core, the same code natively and
// in WebAssembly.
//
// The C library's log, log2 and exp (glibc natively, musl in the module) are the same
// table-driven algorithms, but each carries 2-4 KB of tables, the largest data in the WebAssembly
// module (and musl's erf and erfc call its exp). These are fdlibm's (FreeBSD msun e_log.c,
// e_log2.c, e_exp.c, s_erf.c, as musl writes them): table-free, < 1 ulp, and exact where it
// matters here: log(1) = log2(1) = 0, log2(2^k) = k, exp(0) = 1. Being the core's own code, every
// result that uses them is the same bits natively and in WASM.
#pragma once

namespace bitruler::math {

// ln x: -infinity for +-0, NaN for x < 0 and NaN, +infinity for +infinity.
double log(double x);
// log2 x, with the same special values.
double log2(double x);
// e^x: +infinity above about 709.78, 0 below about -745.13, NaN for NaN.
double exp(double x);
// The error function and its complement (erf(+-inf) = +-1, erfc(+inf) = 0, erfc(-inf) = 2).
double erf(double x);
double erfc(double x);

}  // namespace bitruler::math
