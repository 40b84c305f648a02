#include "app/evidence_view.hpp"

namespace ascent::app {

namespace {

const evidence::Library &library() {
    static const auto built_in = evidence::built_in_library();
    return built_in;
}

} // namespace

std::string format_evidence(const evidence::Query &query) { return evidence::format_matches(library(), evidence::search(library(), query)); }

std::string format_evidence_check() { return evidence::format_findings(evidence::check(library())); }

nlohmann::json evidence_json(const evidence::Query &query) {
    auto out = nlohmann::json::array();
    for (const auto &m : evidence::search(library(), query))
        out.push_back({{"council", m.council->name}, {"amount", m.item->amount_text}, {"pence", m.item->pence}, {"kind", m.item->kind},
                       {"theme", m.item->theme}, {"lever", m.item->lever}, {"scope", m.item->scope}, {"quote", m.item->quote},
                       {"line", m.item->line}});
    return {{"source", library().source}, {"matches", out}};
}

} // namespace ascent::app
