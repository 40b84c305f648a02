// Business cases (YAML, and JSON as the API sends them): a case that reads is written back as YAML
// and as JSON, and each reads back to the same case; the JSON parses as JSON (the server's case
// list failed for every user once one stored case held bytes that are not UTF-8).
#include <nlohmann/json.hpp>

#include "cases/business_case.hpp"
#include "fuzz_support.hpp"

using ascent::cases::BusinessCase;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    BusinessCase c;
    if (!ascent::fuzz::accepts([&] { c = ascent::cases::read_case(ascent::fuzz::as_text(data, size), "case.yaml"); })) return 0;
    const std::string yaml = ascent::cases::write_case_yaml(c);
    const std::string json = ascent::cases::write_case_json(c);
    std::string again_yaml, again_json, through_json;
    const bool ok = ascent::fuzz::accepts([&] {
        again_yaml = ascent::cases::write_case_yaml(ascent::cases::read_case(yaml, "written.yaml"));
        again_json = ascent::cases::write_case_json(ascent::cases::read_case(json, "written.json"));
        // As the browser sends it back: parsed and dumped by a JSON library.
        const auto parsed = nlohmann::json::parse(json, nullptr, false);
        if (parsed.is_discarded()) ascent::fuzz::finding("the case's JSON is not valid JSON:\n" + json);
        through_json = ascent::cases::write_case_yaml(ascent::cases::read_case(parsed.dump(), "through.json"));
    });
    if (!ok) ascent::fuzz::finding("a case written by ascent does not read back:\n" + yaml);
    if (again_yaml != yaml) ascent::fuzz::finding("YAML round trip changes the case:\n" + yaml + "\n---\n" + again_yaml);
    if (again_json != json) ascent::fuzz::finding("JSON round trip changes the case:\n" + json + "\n---\n" + again_json);
    if (through_json != yaml) ascent::fuzz::finding("a JSON library's round trip changes the case:\n" + yaml + "\n---\n" + through_json);
    return 0;
}
