#include "sheet_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    return ascent::fuzz::read_workbook(data, size, "input.xlsx");
}
