// The one doctest main of bitruler_tests (every tests/cpp/*.cpp is linked into one binary):
// other suites just #include <doctest/doctest.h> and must not define the main again.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
