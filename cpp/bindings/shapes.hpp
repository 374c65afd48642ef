// Shapes of values that cross the boundary and that JS must agree on: family kinds (by index,
// in FamilyKind order) and the column order of labTrain's result. Listed once, here; facts()
// hands them to JS (web/src/core.js reads them from the generated facts module).
#pragma once

#include <cstddef>

#include "bitruler/families.hpp"

namespace bitruler::bindings {

// Names of FamilyKind::GAUSSIAN, POISSON, BINOMIAL, GEOMETRIC, in enum order.
inline constexpr const char* kFamilyKinds[] = {"gaussian", "poisson", "binomial", "geometric"};
inline constexpr std::size_t kFamilyKindCount = sizeof(kFamilyKinds) / sizeof(kFamilyKinds[0]);
static_assert(static_cast<std::size_t>(FamilyKind::GEOMETRIC) + 1 == kFamilyKindCount,
              "kFamilyKinds must name every FamilyKind in enum order");

// labTrain's steps come back as one Float64Array of kTrainColumnCount columns, each m long.
inline constexpr const char* kTrainColumns[] = {"step", "trainLoss", "crossEntropy", "entropy",
                                                "kl", "identityResidual", "logLikelihood", "likelihood"};
inline constexpr std::size_t kTrainColumnCount = sizeof(kTrainColumns) / sizeof(kTrainColumns[0]);

}  // namespace bitruler::bindings
