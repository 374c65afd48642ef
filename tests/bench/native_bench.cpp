// Native benchmark of the information core: ns per outcome for entropy, cross-entropy and KL at
// 10^3, 10^6 and 10^7 outcomes, printed as one JSON line on stdout for tests/bench/run.mjs:
//   {"impl":"native","unit":"ns/outcome","entropy":{"1000":x,...},"cross_entropy":{...},
//    "kl":{...},"values":{"entropy":{"1000":H,...},...}}
// Data: the "lcg" generator of tests/fixtures/README.md ("The benchmark data"), so the JS side
// builds bit-identical arrays and can compare the values too. Each figure is the median of
// repeated timed calls (at least 5, and at least ~0.25 s of calls per size). The timed call is
// the public API (validation included), with base 2 and normalize = false.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "../cpp/fixtures.hpp"
#include "bitruler/info.hpp"

namespace {

std::vector<double> lcg_distribution(std::size_t n, unsigned seed) {
  const std::string spec = "{\"gen\":\"lcg\",\"n\":" + std::to_string(n) + ",\"seed\":" +
                           std::to_string(seed) + ",\"modulus\":1000,\"offset\":1}";
  return fixtures::build_input(fixtures::parse(spec));
}

template <class F>
double median_ns_per_outcome(std::size_t n, F call, double& value) {
  using clock = std::chrono::steady_clock;
  std::vector<double> samples;
  double spent = 0.0;
  value = call();  // warm-up (page faults, caches)
  while (samples.size() < 5 || (spent < 0.25 && samples.size() < 1000)) {
    const auto start = clock::now();
    value = call();
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    spent += seconds;
    samples.push_back(seconds * 1e9 / static_cast<double>(n));
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes = {1000, 1000000, 10000000};
  if (argc > 1) {  // optional list of sizes, e.g. `bitruler_bench 1000 100000`
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
  }
  std::string times[3], values[3];
  const char* names[3] = {"entropy", "cross_entropy", "kl"};
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const std::size_t n = sizes[k];
    const std::vector<double> p = lcg_distribution(n, 12345);
    const std::vector<double> q = lcg_distribution(n, 67890);
    double v[3], t[3];
    t[0] = median_ns_per_outcome(n, [&] { return bitruler::entropy(p).value(); }, v[0]);
    t[1] = median_ns_per_outcome(n, [&] { return bitruler::cross_entropy(p, q).value(); }, v[1]);
    t[2] = median_ns_per_outcome(n, [&] { return bitruler::kl_divergence(p, q).value(); }, v[2]);
    for (int f = 0; f < 3; ++f) {
      const std::string sep = k ? "," : "";
      times[f] += sep + "\"" + std::to_string(n) + "\":" + number(t[f]);
      values[f] += sep + "\"" + std::to_string(n) + "\":" + number(v[f]);
    }
  }
  std::string line = "{\"impl\":\"native\",\"unit\":\"ns/outcome\"";
  for (int f = 0; f < 3; ++f) line += ",\"" + std::string(names[f]) + "\":{" + times[f] + "}";
  line += ",\"values\":{";
  for (int f = 0; f < 3; ++f)
    line += std::string(f ? "," : "") + "\"" + names[f] + "\":{" + values[f] + "}";
  line += "}}";
  std::puts(line.c_str());
  return 0;
}
