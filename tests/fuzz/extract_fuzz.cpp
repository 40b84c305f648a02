// Mapped extracts: the input is a mapping file, a line "---data---", then the extract. The
// mapping is accepted or refused with an input error; a mapped read's records come in file order,
// each from a row of the file.
#include "fuzz_support.hpp"
#include "io/extract_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    const std::string_view text = ascent::fuzz::as_text(data, size);
    const auto split = text.find("\n---data---\n");
    if (split == std::string_view::npos) return 0;
    const auto mapping_path = ascent::fuzz::as_file(data, split + 1, "mapping.yaml");
    const auto data_path = ascent::fuzz::as_file(data + split + 12, size - split - 12, "extract.csv");
    ascent::io::ColumnMapping mapping;
    if (!ascent::fuzz::accepts([&] { mapping = ascent::io::load_mapping(mapping_path); })) return 0;
    mapping.sheet.clear(); // the data part is a CSV file
    ascent::fuzz::accepts([&] {
        ascent::io::ImportReport report(data_path);
        const auto batch = ascent::io::read_extract(data_path, mapping, report);
        uint64_t last = 1;
        for (const auto &record : batch.records) {
            if (record.row <= last) ascent::fuzz::finding("records out of file order, or at the header row");
            last = record.row;
        }
    });
    return 0;
}
