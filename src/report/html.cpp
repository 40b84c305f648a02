#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "report/document.hpp"

namespace ascent::report {

namespace {

std::string escape(const std::string &text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

constexpr const char *k_colours[] = {"#1f4e79", "#9dc3e6", "#548235", "#7f7f7f"};
constexpr const char *k_accent = "#c55a11";

std::string svg(const BarChart &chart) {
    const bool many = chart.categories.size() > 8; // slanted category names
    const double width = 640, height = many ? 360 : 260, left = 60, bottom = many ? 140 : 40, top = 30;
    const auto [least, most] = chart.range();
    const double span = most - least;
    // `most` by value: clang 14 cannot capture a structured binding.
    const auto y_of = [&, most = most](double v) { return top + (most - v) / span * (height - top - bottom); };
    const double group = (width - left - 10) / static_cast<double>(std::max<std::size_t>(1, chart.categories.size()));
    const double bar = group * 0.7 / static_cast<double>(std::max<std::size_t>(1, chart.series.size()));
    std::string out = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img" aria-label="{}">)", width,
                                  height, escape(chart.title));
    out += fmt::format(R"(<text x="{}" y="18" font-size="14" font-weight="bold">{}</text>)", left, escape(chart.title));
    out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#444"/>)", left, y_of(0), width - 10, y_of(0));
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        const double x0 = left + group * static_cast<double>(c) + group * 0.15;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const double v = chart.values[s][c], x = x0 + bar * static_cast<double>(s);
            const double y = std::min(y_of(v), y_of(0)), h = std::abs(y_of(v) - y_of(0));
            const char *fill = chart.highlight == c && s == 0 ? k_accent : k_colours[s % 4];
            out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{}</title></rect>)", x, y,
                               bar - 2, h, fill, escape(chart.labels[s][c]));
            if (!many)
                out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="10" text-anchor="middle">{}</text>)", x + bar / 2, y - 3,
                                   escape(chart.labels[s][c]));
        }
        const double cx = x0 + group * 0.35, cy = height - bottom + 16;
        if (many)
            out += fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}" font-size="10" text-anchor="end" transform="rotate(-45 {:.1f} {:.1f})">{}</text>)svg",
                               cx, cy, cx, cy, escape(chart.categories[c]));
        else
            out += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle">{}</text>)", cx, cy, escape(chart.categories[c]));
    }
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        out += fmt::format(R"(<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>)",
                           left + 150 * static_cast<double>(s), height - 14, k_colours[s % 4], left + 14 + 150 * static_cast<double>(s),
                           height - 5, escape(chart.series[s]));
    return out + "</svg>";
}

std::string paragraph(const std::string &text) {
    std::string out, list;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        if (line.rfind("- ", 0) == 0) {
            list += "<li>" + escape(line.substr(2)) + "</li>";
        } else {
            if (!list.empty()) out += "<ul>" + std::exchange(list, {}) + "</ul>";
            if (!line.empty()) out += "<p>" + escape(line) + "</p>";
        }
        start = end + 1;
    }
    if (!list.empty()) out += "<ul>" + list + "</ul>";
    return out;
}

} // namespace

std::string to_html(const Document &doc) {
    std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 14px; color: #1a1a1a; max-width: 1100px; margin: 2em auto; padding: 0 1em; }}
h1 {{ font-size: 22px; color: #1f4e79; }} h2 {{ font-size: 18px; color: #1f4e79; border-bottom: 1px solid #9dc3e6; margin-top: 1.6em; }}
h3 {{ font-size: 15px; }} table {{ border-collapse: collapse; margin: 0.6em 0; }}
th, td {{ border: 1px solid #c8c8c8; padding: 3px 8px; vertical-align: top; }} th {{ background: #d9e1f2; text-align: left; }}
td.n {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }} tr.b td {{ font-weight: bold; background: #f2f2f2; }}
footer {{ margin-top: 2em; font-size: 11px; color: #666; }}
</style></head><body>
)",
                                  escape(doc.title));
    for (const auto &block : doc.blocks) {
        if (const auto *h = std::get_if<Heading>(&block)) {
            out += fmt::format("<h{0}>{1}</h{0}>\n", h->level, escape(h->text));
        } else if (const auto *p = std::get_if<Paragraph>(&block)) {
            out += paragraph(p->text) + "\n";
        } else if (const auto *t = std::get_if<Table>(&block)) {
            out += "<table><thead><tr>";
            for (const auto &name : t->header) out += "<th>" + escape(name) + "</th>";
            out += "</tr></thead><tbody>\n";
            for (std::size_t r = 0; r < t->rows.size(); ++r) {
                out += r < t->bold_rows.size() && t->bold_rows[r] ? "<tr class=\"b\">" : "<tr>";
                for (std::size_t c = 0; c < t->rows[r].size(); ++c)
                    out += (c < t->numeric.size() && t->numeric[c] ? "<td class=\"n\">" : "<td>") + escape(t->rows[r][c]) + "</td>";
                out += "</tr>\n";
            }
            out += "</tbody></table>\n";
        } else {
            out += svg(std::get<BarChart>(block)) + "\n";
        }
    }
    return out + "<footer>" + escape(doc.footer) + "</footer>\n</body></html>\n";
}

} // namespace ascent::report
