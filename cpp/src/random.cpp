// A seeded generator whose stream is bit-identical natively and in WASM.
//
// xoshiro256** (Blackman & Vigna) with its state filled by splitmix64 from the seed: integer
// arithmetic only, so next_u64(), next_double() and categorical() agree to the bit on every
// platform. normal() calls std::log and std::sqrt: sqrt is exact by IEEE 754, but log comes
// from the C library (glibc natively, musl in Emscripten); both currently use the same
// correctly-rounded-in-practice algorithm, yet that is not guaranteed, so normal() may differ
// in the last bit between platforms (never in which uniforms it consumes).
#include "bitruler/random.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bitruler/format.hpp"
#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"

namespace bitruler {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  x += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Cumulative sums of the usable weights (negative, NaN and infinite weights count as 0).
// If the total overflows, all weights are scaled by 2^-64 (exact for normal numbers) first.
std::vector<double> cumulative(const std::vector<double>& p) {
  std::vector<double> c(p.size());
  for (double scale : {1.0, 0x1.0p-64}) {
    double total = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double w = (std::isfinite(p[i]) && p[i] > 0.0) ? p[i] * scale : 0.0;
      total += w;
      c[i] = total;
    }
    if (std::isfinite(total)) break;
  }
  return c;
}

// Index i with c[i-1] <= u < c[i] for u = U * total: outcome i owns the half-open interval of
// its weight, so a zero weight (an empty interval) is never drawn. If rounding puts u at the
// total, the last outcome of positive weight is drawn. p.size() when no weight is positive.
std::size_t draw(const std::vector<double>& c, double uniform) {
  if (c.empty() || !(c.back() > 0.0)) return c.size();
  const double u = uniform * c.back();
  const auto it = std::upper_bound(c.begin(), c.end(), u);
  if (it != c.end()) return static_cast<std::size_t>(it - c.begin());
  std::size_t i = c.size() - 1;
  while (i > 0 && c[i - 1] == c[i]) --i;  // skip trailing zero weights
  return i;
}

}  // namespace

Rng::Rng(std::uint64_t seed) : s_{} {
  std::uint64_t x = seed;
  // splitmix64 is a bijection on distinct inputs, so the state is never all zero.
  for (auto& word : s_) word = splitmix64(x);
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::next_double() {
  // The top 53 bits, scaled exactly: every value k * 2^-53, k in [0, 2^53).
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::size_t Rng::categorical(const std::vector<double>& p) {
  // Always consumes exactly one next_u64(), even when nothing can be drawn.
  return draw(cumulative(p), next_double());
}

double Rng::normal() {
  // Marsaglia's polar method: only sqrt and log, no trigonometry. The second variate of
  // each pair is discarded so the state stays four words; rejected pairs are redrawn.
  for (;;) {
    const double u = 2.0 * next_double() - 1.0;
    const double v = 2.0 * next_double() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

Result<CodingRun> sample_coding(const std::vector<double>& p, const std::vector<double>& q, std::size_t n,
                                std::uint64_t seed, bool normalize) {
  using R = Result<CodingRun>;
  std::vector<double> rescaled;
  const auto in_use = distribution_in_use(p, normalize, rescaled);
  if (!in_use) return R::failure(in_use);
  const std::vector<double>& pd = **in_use;
  auto code = huffman_lengths(q, normalize);
  if (!code) return R::failure(code);
  if (pd.size() != q.size()) {
    return R::failure(ErrorCode::LENGTH_MISMATCH,
                      message("P has $ outcomes but Q has $; they must have the same length.", {pd.size(), q.size()}));
  }
  if (n > kMaxCodingSamples) {
    return R::failure(Error{ErrorCode::OUT_OF_RANGE,
                            message("At most $ draws are allowed; $ were asked for.", {kMaxCodingSamples, n}),
                            "TOO_MANY_DRAWS", static_cast<double>(kMaxCodingSamples)});
  }
  auto cross = expected_code_length(pd, code.value());
  if (!cross) return R::failure(cross);

  CodingRun run;
  run.cross_code_length = cross.value();
  run.outcomes.reserve(n);
  run.running_mean.reserve(n);
  const std::vector<double> c = cumulative(pd);
  const std::vector<int>& lengths = code.value().lengths;
  Rng rng(seed);
  double total_bits = 0.0;  // a sum of small integers: exact far beyond any n allowed
  for (std::size_t k = 1; k <= n; ++k) {
    const std::size_t i = draw(c, rng.next_double());
    run.outcomes.push_back(static_cast<int>(i));
    // q_i = 0 while p_i > 0: this outcome has no codeword, so the cost is unbounded.
    total_bits += lengths[i] > 0 ? static_cast<double>(lengths[i]) : std::numeric_limits<double>::infinity();
    run.running_mean.push_back(total_bits / static_cast<double>(k));
  }
  return R::success(std::move(run));
}

}  // namespace bitruler
