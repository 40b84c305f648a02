// Commissioning files, by the first byte: placements, tender requests, rate cards and uplift
// options. Each is accepted or refused with an input error; never an internal error.
#include "commissioning/fair_price.hpp"
#include "commissioning/rate_card.hpp"
#include "commissioning/tender.hpp"
#include "commissioning/uplift.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = ascent::fuzz::as_text(data + 1, size - 1);
    ascent::fuzz::accepts([&] {
        switch (data[0] % 4) {
        case 0: ascent::commissioning::read_placement(text, "placement.yaml"); break;
        case 1: ascent::commissioning::read_tender(text, "request.yaml"); break;
        case 2: ascent::commissioning::read_rate_card(text, "rates.yaml"); break;
        default: ascent::commissioning::read_uplift_options(text, "uplift.yaml"); break;
        }
    });
    return 0;
}
