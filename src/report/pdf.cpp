// PDF rendering with cairo (drawing) and pango (text layout and wrapping): A4, margins, page
// breaks, table headers repeated on each page, and a footer with the page number.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "report/document.hpp"

namespace ascent::report {

namespace {

constexpr double k_margin = 40, k_pad = 3;

class PdfWriter {
public:
    PdfWriter(const Document &doc, const std::string &path)
        : doc_(doc), width_(doc.landscape ? 842 : 595), height_(doc.landscape ? 595 : 842),
          surface_(cairo_pdf_surface_create(path.c_str(), width_, height_)), cr_(cairo_create(surface_)) {
        if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) throw input_error(path + ": cannot write the PDF");
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
        layout_ = pango_cairo_create_layout(cr_);
        y_ = k_margin;
    }
    ~PdfWriter() {
        g_object_unref(layout_);
        cairo_destroy(cr_);
        cairo_surface_destroy(surface_);
    }
    PdfWriter(const PdfWriter &) = delete;
    PdfWriter &operator=(const PdfWriter &) = delete;

    void write() {
        for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
            const auto &block = doc_.blocks[i];
            // A heading stays with the start of what follows it: a whole chart, or a few lines.
            const auto *next_chart = i + 1 < doc_.blocks.size() ? std::get_if<BarChart>(&doc_.blocks[i + 1]) : nullptr;
            if (const auto *h = std::get_if<Heading>(&block)) heading(*h, next_chart ? chart_height(*next_chart) + 10 : 30);
            else if (const auto *p = std::get_if<Paragraph>(&block)) paragraph(*p);
            else if (const auto *t = std::get_if<Table>(&block)) table(*t);
            else chart(std::get<BarChart>(block));
        }
        footer();
        cairo_show_page(cr_);
        cairo_surface_finish(surface_);
        if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) throw input_error("cannot finish the PDF");
    }

private:
    double content_width() const { return width_ - 2 * k_margin; }

    // Sets the layout's text and font; returns its height in points.
    double set_text(const std::string &text, const char *font, double width) {
        PangoFontDescription *desc = pango_font_description_from_string(font);
        pango_layout_set_font_description(layout_, desc);
        pango_font_description_free(desc);
        pango_layout_set_attributes(layout_, nullptr); // set_text keeps earlier attributes otherwise
        pango_layout_set_text(layout_, text.c_str(), -1);
        pango_layout_set_width(layout_, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
        int w = 0, h = 0;
        pango_layout_get_size(layout_, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void draw_text(double x, double y) {
        cairo_move_to(cr_, x, y);
        pango_cairo_show_layout(cr_, layout_);
    }

    void need(double h) {
        if (y_ + h <= height_ - k_margin - 20) return;
        footer();
        cairo_show_page(cr_);
        ++page_;
        y_ = k_margin;
    }

    void footer() {
        cairo_set_source_rgb(cr_, 0.4, 0.4, 0.4);
        set_text(fmt::format("{}    page {}", doc_.footer, page_), "DejaVu Sans 7", content_width());
        draw_text(k_margin, height_ - k_margin + 4);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }

    static double chart_height(const BarChart &c) { return c.categories.size() > 8 ? 300 : 200; }

    void heading(const Heading &h, double keep_with) {
        const char *font = h.level == 1 ? "DejaVu Sans Bold 15" : h.level == 2 ? "DejaVu Sans Bold 12" : "DejaVu Sans Bold 10";
        need(set_text(h.text, font, content_width()) + keep_with);
        const double height = set_text(h.text, font, content_width()); // again: a new page's footer used the layout
        y_ += h.level == 1 ? 0 : 8;
        cairo_set_source_rgb(cr_, 0.12, 0.31, 0.47);
        draw_text(k_margin, y_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        y_ += height + 4;
    }

    void paragraph(const Paragraph &p) {
        std::size_t start = 0;
        while (start < p.text.size()) {
            const auto end = std::min(p.text.find('\n', start), p.text.size());
            std::string line = p.text.substr(start, end - start);
            const bool item = line.rfind("- ", 0) == 0;
            if (item) line = "• " + line.substr(2);
            const double indent = item ? 10 : 0;
            need(set_text(line, "DejaVu Sans 9", content_width() - indent));
            const double height = set_text(line, "DejaVu Sans 9", content_width() - indent);
            draw_text(k_margin + indent, y_);
            y_ += height + 2;
            start = end + 1;
        }
        y_ += 4;
    }

    std::vector<double> columns(const Table &t) const {
        std::vector<double> w(t.header.size(), content_width() / static_cast<double>(std::max<std::size_t>(1, t.header.size())));
        if (t.widths.size() == t.header.size()) {
            double total = 0;
            for (const double v : t.widths) total += v;
            for (std::size_t c = 0; c < w.size(); ++c) w[c] = content_width() * t.widths[c] / total;
        }
        return w;
    }

    const char *font(bool bold) const {
        if (doc_.landscape) return bold ? "DejaVu Sans Bold 6.5" : "DejaVu Sans 6.5";
        return bold ? "DejaVu Sans Bold 7.5" : "DejaVu Sans 7.5";
    }

    double row(const Table &t, const std::vector<std::string> &cells, const std::vector<double> &w, bool header, bool bold, bool draw) {
        double height = 0;
        for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c)
            height = std::max(height, set_text(cells[c], font(header || bold), w[c] - 2 * k_pad));
        height += 2 * k_pad;
        if (!draw) return height;
        double x = k_margin;
        for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c) {
            if (header || bold) {
                cairo_rectangle(cr_, x, y_, w[c], height);
                if (header) cairo_set_source_rgb(cr_, 0.85, 0.88, 0.95);
                else cairo_set_source_rgb(cr_, 0.95, 0.95, 0.95);
                cairo_fill(cr_);
                cairo_set_source_rgb(cr_, 0, 0, 0);
            }
            cairo_set_line_width(cr_, 0.4);
            cairo_rectangle(cr_, x, y_, w[c], height);
            cairo_stroke(cr_);
            const bool right = !header && c < t.numeric.size() && t.numeric[c];
            set_text(cells[c], font(header || bold), right ? -1 : w[c] - 2 * k_pad); // figures never wrap
            int text_width = 0, text_height = 0;
            pango_layout_get_size(layout_, &text_width, &text_height);
            draw_text(right ? x + w[c] - k_pad - static_cast<double>(text_width) / PANGO_SCALE : x + k_pad, y_ + k_pad);
            x += w[c];
        }
        y_ += height;
        return height;
    }

    void table(const Table &t) {
        const auto w = columns(t);
        const double header_height = row(t, t.header, w, true, false, false);
        need(header_height * 2);
        row(t, t.header, w, true, false, true);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const bool bold = r < t.bold_rows.size() && t.bold_rows[r];
            const double h = row(t, t.rows[r], w, false, bold, false);
            if (y_ + h > height_ - k_margin - 20) {
                need(height_); // a new page, with the header again
                row(t, t.header, w, true, false, true);
            }
            row(t, t.rows[r], w, false, bold, true);
        }
        y_ += 8;
    }

    void chart(const BarChart &c) {
        const bool many = c.categories.size() > 8; // slanted category names
        const double h = chart_height(c), left = k_margin + 10, bottom = many ? 120 : 30, top = 46;
        need(h + 10);
        const auto [least, most] = c.range();
        const double span = most - least;
        const auto y_of = [&](double v) { return y_ + top + (most - v) / span * (h - top - bottom); };
        set_text(c.title, "DejaVu Sans Bold 9", content_width());
        draw_text(left, y_);
        const double group = (content_width() - 20) / static_cast<double>(std::max<std::size_t>(1, c.categories.size()));
        const double bar = group * 0.7 / static_cast<double>(std::max<std::size_t>(1, c.series.size()));
        const double colours[4][3] = {{0.12, 0.31, 0.47}, {0.62, 0.76, 0.9}, {0.33, 0.51, 0.21}, {0.5, 0.5, 0.5}};
        for (std::size_t k = 0; k < c.categories.size(); ++k) {
            const double x0 = left + group * static_cast<double>(k) + group * 0.15;
            for (std::size_t s = 0; s < c.series.size(); ++s) {
                const double v = c.values[s][k], x = x0 + bar * static_cast<double>(s);
                if (c.highlight == k && s == 0) cairo_set_source_rgb(cr_, 0.77, 0.35, 0.07);
                else cairo_set_source_rgb(cr_, colours[s % 4][0], colours[s % 4][1], colours[s % 4][2]);
                cairo_rectangle(cr_, x, std::min(y_of(v), y_of(0)), bar - 2, std::abs(y_of(v) - y_of(0)));
                cairo_fill(cr_);
                cairo_set_source_rgb(cr_, 0, 0, 0);
                if (many) continue; // too many bars for their values to be read: the table has them
                set_text(c.labels[s][k], "DejaVu Sans 6", -1); // centred over its bar
                int label_width = 0, label_height = 0;
                pango_layout_get_size(layout_, &label_width, &label_height);
                draw_text(x + (bar - 2) / 2 - static_cast<double>(label_width) / PANGO_SCALE / 2, std::min(y_of(v), y_of(0)) - 9);
            }
            if (many) {
                set_text(c.categories[k], "DejaVu Sans 7", -1);
                int label_width = 0, label_height = 0;
                pango_layout_get_size(layout_, &label_width, &label_height);
                cairo_save(cr_);
                cairo_translate(cr_, x0 + group * 0.35, y_ + h - bottom + 6);
                cairo_rotate(cr_, -0.785398);
                cairo_move_to(cr_, -static_cast<double>(label_width) / PANGO_SCALE, 0);
                pango_cairo_show_layout(cr_, layout_);
                cairo_restore(cr_);
            } else {
                set_text(c.categories[k], "DejaVu Sans 8", group);
                draw_text(x0, y_ + h - bottom + 4);
            }
        }
        cairo_set_line_width(cr_, 0.6);
        cairo_move_to(cr_, left, y_of(0));
        cairo_line_to(cr_, left + content_width() - 20, y_of(0));
        cairo_stroke(cr_);
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            cairo_set_source_rgb(cr_, colours[s % 4][0], colours[s % 4][1], colours[s % 4][2]);
            cairo_rectangle(cr_, left + 140 * static_cast<double>(s), y_ + h - 12, 8, 8);
            cairo_fill(cr_);
            cairo_set_source_rgb(cr_, 0, 0, 0);
            set_text(c.series[s], "DejaVu Sans 8", 125);
            draw_text(left + 12 + 140 * static_cast<double>(s), y_ + h - 14);
        }
        y_ += h + 8;
    }

    const Document &doc_;
    double width_, height_;
    cairo_surface_t *surface_;
    cairo_t *cr_;
    PangoLayout *layout_ = nullptr;
    double y_ = 0;
    int page_ = 1;
};

} // namespace

void write_pdf(const Document &doc, const std::string &path) {
    PdfWriter writer(doc, path);
    writer.write();
}

} // namespace ascent::report
