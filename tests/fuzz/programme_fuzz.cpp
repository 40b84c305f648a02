// Programmes: accepted or refused with an input error; an accepted programme has its cases, one
// stated total (or none) for each, and years within the documented 1 to 10.
#include "cases/programme.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    ascent::fuzz::accepts([&] {
        const auto p = ascent::cases::read_programme(ascent::fuzz::as_text(data, size), "/nonexistent/programme.yaml");
        if (p.cases.empty() || p.stated_totals.size() != p.cases.size() || p.years < 1 || p.years > 10)
            ascent::fuzz::finding("an accepted programme breaks its own rules");
    });
    return 0;
}
