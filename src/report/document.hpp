// A report as a document model — headings, paragraphs, tables and bar charts — rendered to HTML
// (a self-contained page, charts as inline SVG) and to PDF (A4, cairo and pango). One model keeps
// the two outputs the same; figures arrive already formatted, so neither renderer rounds money.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ascent::report {

struct Heading {
    std::string text;
    int level = 1; // 1 title, 2 section, 3 subsection
};

struct Paragraph {
    std::string text; // lines starting "- " are shown as a list
};

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric;      // per column: right-aligned
    std::vector<bool> bold_rows;    // per row: subtotals and totals
    std::vector<double> widths;     // per column: share of the page width (empty: even)
};

// Bars (one series, or two side by side) with their values already formatted for labels.
struct BarChart {
    std::string title;
    std::vector<std::string> categories;               // e.g. financial years
    std::vector<std::string> series;                    // legend names
    std::vector<std::vector<double>> values;           // [series][category], in display units (£000)
    std::vector<std::vector<std::string>> labels;      // the same, formatted
    std::optional<std::size_t> highlight;              // a category drawn in the accent colour (the council)

    // The lowest and highest value, taking in zero (the axis); never an empty span.
    std::pair<double, double> range() const {
        double least = 0, most = 0;
        for (const auto &s : values)
            for (const double v : s) {
                least = std::min(least, v);
                most = std::max(most, v);
            }
        return {least, most > least ? most : least + 1};
    }
};

using Block = std::variant<Heading, Paragraph, Table, BarChart>;

struct Document {
    std::string title;
    std::string footer;  // on every PDF page, with the page number
    std::vector<Block> blocks;
    bool landscape = false;
};

std::string to_html(const Document &doc);
// Throws input_error naming the file if it cannot be written.
void write_pdf(const Document &doc, const std::string &path);

} // namespace ascent::report
