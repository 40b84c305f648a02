#include "app/commissioning_export.hpp"

#include "io/xlsx_writer.hpp"

namespace ascent::app {

void write_fair_price_xlsx(const commissioning::FairPrice &p, const std::string &path) {
    io::Sheet elements{"Fair price", {"Element", "£ a week", "Workings", "Provider's figure", "Difference"}, {}};
    for (const auto &e : p.elements) {
        std::vector<io::Cell> row{e.name, io::Pence{e.pence()}, e.workings, std::string(), std::string()};
        for (const auto &l : p.open_book)
            if (l.id == e.id) {
                row[3] = io::Pence{l.submitted};
                row[4] = io::Pence{l.difference};
            }
        elements.rows.push_back(std::move(row));
    }
    elements.rows.push_back({std::string("Fair price"), io::Pence{p.total}, std::string("the exact sum, rounded half-up once"), std::string(), std::string()});
    if (p.gap) {
        elements.rows.push_back({std::string("Fee paid"), io::Pence{*p.placement.fee_paid}, std::string(), std::string(), std::string()});
        elements.rows.push_back({std::string("Gap (fee − fair price)"), io::Pence{*p.gap}, std::string(), std::string(), std::string()});
    }
    io::Sheet used{"Parameters", {"Parameter", "Value", "From", "Tag", "Source", "File"}, {}};
    for (const auto &u : p.used) used.rows.push_back({u.name, u.value, u.from.iso(), u.tag, u.source, u.file});
    std::vector<std::pair<std::string, std::string>> about{{"Placement", p.placement.name}, {"Date", p.placement.date.iso()},
                                                           {"Rounding", "each element rounded half-up for display; the total rounded once from exact amounts"}};
    for (const auto &s : p.sources) about.emplace_back("Parameter file", s);
    io::write_workbook(path, {elements, used}, about);
}

void write_evaluation_xlsx(const commissioning::Evaluation &e, const std::string &path) {
    const auto points = [](int64_t millionths) { return io::Decimal{millionths, 6}; };
    io::Sheet bids{"Evaluation", {"Rank", "Provider", "£ a week", "Price points", "Quality points", "Total", "Status"}, {}};
    for (const auto &b : e.bids)
        bids.rows.push_back({static_cast<int64_t>(b.rank), b.provider, io::Pence{b.price}, points(b.price_points), points(b.quality_points),
                             points(b.total), b.status});
    std::vector<std::pair<std::string, std::string>> about{{"Request", e.request.name},
                                                           {"Award", e.award ? e.bids[*e.award].provider : "none"},
                                                           {"Note", e.award_note},
                                                           {"Scoring", "price points = price weight × lowest compliant price ÷ price; "
                                                                       "quality points = Σ weight × score ÷ maximum × quality weight"}};
    io::write_workbook(path, {bids}, about);
}

} // namespace ascent::app
