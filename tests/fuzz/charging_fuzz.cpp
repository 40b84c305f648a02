// Charging inputs, by the first byte: parameter files, options files and case files. Each is
// accepted or refused with an input error naming the file; never an internal error.
#include "charging/case_file.hpp"
#include "charging/simulation.hpp"
#include "fuzz_support.hpp"
#include "params/parameters.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = ascent::fuzz::as_text(data + 1, size - 1);
    ascent::fuzz::accepts([&] {
        switch (data[0] % 3) {
        case 0: {
            ascent::params::ParameterSet set;
            set.load(text, "parameters.yaml");
            break;
        }
        case 1: ascent::charging::read_options(text, "options.yaml"); break;
        default: ascent::charging::read_cases(text, "cases.yaml"); break;
        }
    });
    return 0;
}
