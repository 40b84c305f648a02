// The other models, by the first byte: backlog models, trend models, housing matrices and
// progression plans. Each is accepted or refused with an input error; never an internal error.
#include "benchmark/projection.hpp"
#include "charging/backlog.hpp"
#include "delivery/housing.hpp"
#include "delivery/progression.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = ascent::fuzz::as_text(data + 1, size - 1);
    ascent::fuzz::accepts([&] {
        switch (data[0] % 4) {
        case 0: ascent::charging::read_backlog(text, "backlog.yaml"); break;
        case 1: ascent::benchmark::read_trend(text, "trend.yaml"); break;
        case 2: ascent::delivery::read_housing_matrix(text, "housing.yaml"); break;
        default: ascent::delivery::read_plans(text, "plans.yaml"); break;
        }
    });
    return 0;
}
