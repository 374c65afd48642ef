// Shapes of values that cross the boundary and that JS must agree on: family kinds (by index,
// in FamilyKind order). Listed once, here; facts() hands them to JS (web/src/lab-api.js reads
// them from the generated facts module). The lab's train columns are the core's kLabTrainColumns.
#pragma once

#include <cstddef>

#include "bitruler/families.hpp"

namespace bitruler::bindings {

// Names of FamilyKind::GAUSSIAN, POISSON, BINOMIAL, GEOMETRIC, in enum order.
inline constexpr const char* kFamilyKinds[] = {"gaussian", "poisson", "binomial", "geometric"};
inline constexpr std::size_t kFamilyKindCount = sizeof(kFamilyKinds) / sizeof(kFamilyKinds[0]);
static_assert(static_cast<std::size_t>(FamilyKind::GEOMETRIC) + 1 == kFamilyKindCount,
              "kFamilyKinds must name every FamilyKind in enum order");

}  // namespace bitruler::bindings
