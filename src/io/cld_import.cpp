#include "io/cld_import.hpp"

#include <array>
#include <exception>
#include <thread>
#include <unordered_map>

#include "core/weekly_cost.hpp"
#include "io/cld_columns.hpp"
#include "io/row_checker.hpp"

namespace ascent::io {

namespace {

using cld::Col;
using cld::Columns;
using cld::map_header;

struct Caches {
    CodeCache gender{CodeField::gender}, ethnicity{CodeField::ethnicity}, client_type{CodeField::client_type},
        support_reason{CodeField::support_reason}, accommodation{CodeField::accommodation},
        employment{CodeField::employment}, funding_status{CodeField::funding_status}, has_carer{CodeField::yes_no},
        event_type{CodeField::event_type}, assessment_type{CodeField::assessment_type},
        service_type{CodeField::service_type}, component{CodeField::service_component},
        delivery{CodeField::delivery_mechanism}, frequency{CodeField::cost_frequency};
};

// Counts spellings by release so the file's release can be named.
struct ReleaseTally {
    uint64_t r1 = 0, r2 = 0;
    void add(Release r) {
        if (r == Release::r1) ++r1;
    }
    std::string verdict(bool saw_r2_only_values) const {
        if (r1 > 0 && saw_r2_only_values) return "R1 and R2 mixed";
        if (r1 > 0) return "R1";
        if (saw_r2_only_values) return "R2";
        return "R1 or R2 (no distinguishing values)";
    }
};

// Values whose R2 spelling differs from R1 beyond case and punctuation: seeing the canonical
// spelling of one of these marks a file as Release 2.
bool is_r2_only(CodeField field, Code code) {
    switch (field) {
    case CodeField::client_type: return code == codes::client_carer || code == codes::client_carer_by_association;
    case CodeField::support_reason:
        return code == codes::psr_access_mobility || code == codes::psr_memory_cognition ||
               code == codes::psr_social_isolation || code == codes::psr_support_to_carer;
    case CodeField::service_component: return code == codes::comp_home_support || code == codes::comp_carer_respite;
    case CodeField::service_type: return code == codes::st_carer_direct || code == codes::st_carer_cared_for;
    default: return false;
    }
}

// A service row's duplicate key as a 128-bit hash of its fields: no allocation per row, and a false
// match would need a collision of two independent 64-bit hashes.
struct RowKey {
    uint64_t a, b;
    void add(std::string_view text) {
        for (unsigned char c : text) {
            a = (a ^ c) * 0x100000001b3ULL; // FNV-1a
            b = (b + c) * 0x9E3779B97F4A7C15ULL;
            b ^= b >> 29;
        }
        a = (a ^ 0x1f) * 0x100000001b3ULL; // field separator
        b = (b + 0x1f) * 0x9E3779B97F4A7C15ULL;
    }
    bool operator==(const RowKey &) const = default;
};

// Keys seen so far with the row of each: a flat table with linear probing, kept at most
// two-thirds full.
class RowKeySet {
public:
    // Adds the key; if it was already there, returns the row it was first seen on.
    std::optional<uint64_t> insert(const RowKey &key, uint64_t row) {
        reserve(size_ + 1);
        Slot &slot = slots_[slot_of(key)];
        if (slot.row != 0) return slot.row;
        slot = {key, row};
        ++size_;
        return std::nullopt;
    }

    // The row the key was first seen on, if it was.
    std::optional<uint64_t> find(const RowKey &key) const {
        if (slots_.empty()) return std::nullopt;
        const Slot &slot = slots_[slot_of(key)];
        if (slot.row == 0) return std::nullopt;
        return slot.row;
    }
    // Room for `count` keys in all.
    void reserve(std::size_t count) {
        std::size_t slot_count = std::max<std::size_t>(slots_.size(), 1024);
        while (count * 3 > slot_count * 2) slot_count *= 2;
        if (slot_count != slots_.size()) rebuild(slot_count);
    }

private:
    struct Slot {
        RowKey key{};
        uint64_t row = 0; // 0 = empty (rows start at 2)
    };
    // The slot holding `key`, or the empty slot where it would go.
    std::size_t slot_of(const RowKey &key) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(key.a) & mask;; i = (i + 1) & mask)
            if (slots_[i].row == 0 || slots_[i].key == key) return i;
    }
    void rebuild(std::size_t slot_count) {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(slot_count, Slot{});
        size_ = 0;
        for (const Slot &slot : old)
            if (slot.row != 0) insert(slot.key, slot.row);
    }
    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

class CldRowReader {
public:
    // A reader of a later part of a file finds duplicates within its part, but leaves the
    // warnings, and the check against earlier parts, to the merge (absorb): the first of the
    // rows may be in an earlier part.
    CldRowReader(CldBatch &batch, ImportReport &report, const Columns &cols, bool later_part = false)
        : batch_(batch), report_(report), cols_(cols), later_part_(later_part) {}

    void read(const std::vector<std::string_view> &cells, uint64_t row) {
        RowChecker check(report_, row);
        auto cell = [&](Col c) -> std::string_view {
            const int i = cols_.index[static_cast<std::size_t>(c)];
            return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? cells[static_cast<std::size_t>(i)]
                                                                         : std::string_view{};
        };
        auto name = [&](Col c) -> const std::string & {
            const int i = cols_.index[static_cast<std::size_t>(c)];
            return i >= 0 ? cols_.header[static_cast<std::size_t>(i)] : k_unnamed;
        };
        if (cells.size() != cols_.header.size())
            check.warning("column-count", "", "",
                          "the row has " + std::to_string(cells.size()) + " fields; the header has " +
                              std::to_string(cols_.header.size()));

        const std::string_view person_id = cell(Col::person_id);
        check.require(name(Col::person_id), person_id);
        const Code event = code(check, caches_.event_type, Col::event_type, cell, name);
        check.require(name(Col::event_type), cell(Col::event_type));

        // Submission fields.
        if (auto end = check.date(name(Col::period_end), cell(Col::period_end)))
            if (!batch_.period_end || *end > *batch_.period_end) batch_.period_end = end;
        if (auto start = check.date(name(Col::period_start), cell(Col::period_start)))
            if (!batch_.period_start || *start < *batch_.period_start) batch_.period_start = start;
        const std::string_view la = cell(Col::la_code);
        if (!RowChecker::blank(la)) {
            if (batch_.la_code.empty()) {
                batch_.la_code = std::string(la);
                la_row_ = row;
            } else if (la != batch_.la_code && !warned_la_) {
                warned_la_ = true;
                // A later part does not know the file's first LA code: the merge decides.
                if (later_part_) other_la_ = {std::string(la), row};
                else warn_mixed_la(row, la);
            }
        }

        PersonFields person;
        person.birth = check.date(name(Col::birth), cell(Col::birth));
        person.death = check.date(name(Col::death), cell(Col::death));
        if (person.birth && batch_.period_end && *person.birth > *batch_.period_end)
            check.error("bad-date", name(Col::birth), cell(Col::birth), "the date of birth is after the reporting period");
        if (person.birth && (person.birth->year() < 1880))
            check.error("bad-date", name(Col::birth), cell(Col::birth), "the date of birth is implausibly early");
        const std::string_view nhs = cell(Col::nhs_number);
        if (!RowChecker::blank(nhs)) {
            std::string digits;
            for (char c : nhs)
                if (c != ' ') digits.push_back(c);
            if (digits.size() != 10 || digits.find_first_not_of("0123456789") != std::string::npos)
                check.warning("bad-nhs-number", name(Col::nhs_number), nhs, "expected a 10-digit NHS number; not kept");
            else
                person.nhs = std::stoll(digits);
        }
        person.gender = code(check, caches_.gender, Col::gender, cell, name);
        person.ethnicity = code(check, caches_.ethnicity, Col::ethnicity, cell, name);
        person.client_type = code(check, caches_.client_type, Col::client_type, cell, name);
        person.support_reason = code(check, caches_.support_reason, Col::support_reason, cell, name);
        person.accommodation = code(check, caches_.accommodation, Col::accommodation, cell, name);
        person.employment = code(check, caches_.employment, Col::employment, cell, name);
        person.funding = code(check, caches_.funding_status, Col::funding_status, cell, name);
        person.has_carer = code(check, caches_.has_carer, Col::has_carer, cell, name);
        person.postcode = cell(Col::postcode);

        const auto event_start = check.date(name(Col::event_start), cell(Col::event_start));
        const auto event_end = check.date(name(Col::event_end), cell(Col::event_end));
        if (event_start && event_end && *event_end < *event_start)
            check.error("end-before-start", name(Col::event_end), cell(Col::event_end),
                        "the event ends before it starts (" + event_start->uk() + ")");

        LineFields line;
        if (event == codes::event_service) {
            line.service_type = code(check, caches_.service_type, Col::service_type, cell, name);
            line.component = code(check, caches_.component, Col::component, cell, name);
            line.delivery = code(check, caches_.delivery, Col::delivery, cell, name);
            line.frequency = code(check, caches_.frequency, Col::frequency, cell, name);
            check.require(name(Col::event_start), cell(Col::event_start));
            if (line.service_type == 0) check.require(name(Col::service_type), cell(Col::service_type));
            const std::string_view raw_cost = cell(Col::unit_cost);
            if (auto cost = check.money(name(Col::unit_cost), raw_cost, true)) {
                if (*cost < Money{})
                    check.warning("negative-amount", name(Col::unit_cost), raw_cost,
                                  "a negative unit cost; its absolute value is used, as DHSC does");
                line.unit_cost = *cost < Money{} ? -*cost : *cost;
            }
            line.planned_units = check.hundredths(name(Col::planned_units), cell(Col::planned_units)).value_or(k_no_quantity);
            if (line.unit_cost && !check.rejected()) cost_checks(check, line, cell, name);
        }
        if (check.rejected()) {
            ++report_.rows_rejected;
            return;
        }
        const uint32_t p = add_person(person_id, person, check, cell);
        switch (event) {
        case codes::event_service: add_line(p, line, event_start, event_end, cell, check); break;
        case codes::event_review:
            note_latest(batch_.ledger.people.last_review[p], event_end ? event_end : event_start);
            break;
        case codes::event_assessment:
            if (code(check, caches_.assessment_type, Col::assessment_type, cell, name) == codes::assess_financial)
                note_latest(batch_.ledger.people.last_financial_assessment[p], event_end ? event_end : event_start);
            break;
        default: break;
        }
        ++events_[event];
    }

    // Takes in the rows a reader of the next part of the file read, as if this reader had read them:
    // people already seen are checked for conflicts, duplicate service rows across the boundary
    // are skipped, and everything else is appended in file order. `more_parts`: another part
    // will be absorbed after this one, so its keys must be kept.
    void absorb(CldRowReader &next, bool more_parts) {
        report_.absorb(next.report_);
        Ledger &to = batch_.ledger;
        const Ledger &from = next.batch_.ledger;
        const auto &f = from.people;
        // Each distinct text (provider, CQC location, postcode) is interned once, not once per row.
        std::vector<uint32_t> text_map(from.text.size());
        to.text.reserve(to.text.size() + from.text.size());
        for (uint32_t k = 1; k < from.text.size(); ++k) text_map[k] = to.text.intern(from.text.at(k));
        to.people.reserve(to.people.size() + f.size());
        std::vector<uint32_t> person_map(f.size());
        for (uint32_t q = 0; q < f.size(); ++q) {
            const std::string_view id = f.id.at(q + 1);
            if (auto existing = to.find_person(id)) {
                person_map[q] = *existing;
                RowChecker check(report_, next.first_row_[q]);
                warn_conflicts(check, *existing, f.birth[q], f.support_reason[q], next.held_text_.at(next.held_first_[q].birth),
                               next.held_text_.at(next.held_first_[q].support_reason));
                note_latest(to.people.last_review[*existing], date_of(f.last_review[q]));
                note_latest(to.people.last_financial_assessment[*existing], date_of(f.last_financial_assessment[q]));
                continue;
            }
            const uint32_t p = static_cast<uint32_t>(to.people.size());
            person_map[q] = p;
            to.people.append(id);
            first_row_.push_back(next.first_row_[q]);
            auto &t = to.people;
            t.nhs_number[p] = f.nhs_number[q];
            t.birth[p] = f.birth[q];
            t.death[p] = f.death[q];
            t.gender[p] = f.gender[q];
            t.ethnicity[p] = f.ethnicity[q];
            t.client_type[p] = f.client_type[q];
            t.support_reason[p] = f.support_reason[q];
            t.accommodation[p] = f.accommodation[q];
            t.employment[p] = f.employment[q];
            t.funding_status[p] = f.funding_status[q];
            t.has_carer[p] = f.has_carer[q];
            t.postcode[p] = text_map[f.postcode[q]];
            t.last_review[p] = f.last_review[q];
            t.last_financial_assessment[p] = f.last_financial_assessment[q];
        }
        // Every later row of a person, against the value kept (from whichever part came first).
        for (const HeldRow &h : next.held_rows_) {
            RowChecker check(report_, h.row);
            warn_conflicts(check, person_map[h.person], h.birth, h.support_reason, next.held_text_.at(h.birth_text),
                           next.held_text_.at(h.support_reason_text));
        }
        for (const auto &d : next.held_duplicates_)
            warn_duplicate(d.row, seen_.find(d.key).value_or(d.first_row));
        std::vector<uint32_t> kept;
        kept.reserve(from.lines.size());
        if (more_parts) seen_.reserve(to.lines.size() + from.lines.size());
        for (uint32_t j = 0; j < from.lines.size(); ++j) {
            const RowKey &key = next.line_keys_[j];
            if (auto earlier = seen_.find(key)) {
                ++duplicates_;
                warn_duplicate(next.line_rows_[j], *earlier);
                continue;
            }
            if (more_parts) seen_.insert(key, next.line_rows_[j]);
            kept.push_back(j);
        }
        to.lines.append_rows(from.lines, kept, person_map, text_map);
        for (std::size_t e = 0; e < events_.size(); ++e) events_[e] += next.events_[e];
        duplicates_ += next.duplicates_;
        tally_.r1 += next.tally_.r1;
        saw_r2_ = saw_r2_ || next.saw_r2_;
        const CldBatch &nb = next.batch_;
        // The first row whose LA code differs from the file's first, as one reader would find it.
        if (!nb.la_code.empty() && !warned_la_) {
            if (batch_.la_code.empty()) {
                batch_.la_code = nb.la_code;
                la_row_ = next.la_row_;
            } else if (nb.la_code != batch_.la_code) {
                warn_mixed_la(next.la_row_, nb.la_code);
            }
            if (!warned_la_ && next.other_la_) warn_mixed_la(next.other_la_->second, next.other_la_->first);
        }
        if (nb.period_end && (!batch_.period_end || *nb.period_end > *batch_.period_end)) batch_.period_end = nb.period_end;
        if (nb.period_start && (!batch_.period_start || *nb.period_start < *batch_.period_start))
            batch_.period_start = nb.period_start;
        report_.sort_by_row();
    }

    void finish() {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_names = {
            {{"", ""}, {"request", "requests"}, {"assessment", "assessments"}, {"service", "services"}, {"review", "reviews"}}};
        std::string counts = "rows by event type:";
        for (std::size_t i = 1; i < 5; ++i) counts += " " + count_of(events_[i], k_names[i].first, k_names[i].second) + ";";
        counts.back() = '.';
        report_.notes.push_back(counts);
        if (duplicates_ > 0)
            report_.notes.push_back(count_of(duplicates_, "duplicate service row", "duplicate service rows") + " skipped.");
        report_.release = tally_.verdict(saw_r2_);
    }

private:
    struct PersonFields {
        std::optional<Date> birth, death;
        int64_t nhs = 0;
        Code gender = 0, ethnicity = 0, client_type = 0, support_reason = 0, accommodation = 0, employment = 0,
             funding = 0, has_carer = 0;
        std::string_view postcode;
    };
    struct LineFields {
        Code service_type = 0, component = 0, delivery = 0, frequency = 0;
        std::optional<Money> unit_cost;
        int32_t planned_units = k_no_quantity;
        std::optional<Money> weekly;
    };

    template <typename Cell, typename Name>
    Code code(RowChecker &check, CodeCache &cache, Col col, const Cell &cell, const Name &name) {
        Release release = Release::any;
        const Code c = check.code(cache, name(col), cell(col), &release);
        tally_.add(release);
        if (c != 0 && release == Release::any && is_r2_only(cache.field(), c)) saw_r2_ = true;
        return c;
    }

    template <typename Cell, typename Name>
    void cost_checks(RowChecker &check, LineFields &line, const Cell &cell, const Name &name) {
        if (line.frequency == 0) {
            check.warning("no-frequency", name(Col::frequency), "", "a unit cost without a cost frequency; no weekly cost");
            return;
        }
        if (frequency_needs_planned_units(line.frequency) && line.planned_units == k_no_quantity)
            check.warning("no-planned-units", name(Col::planned_units), "",
                          "an " + std::string(code_label(CodeField::cost_frequency, line.frequency)) +
                              " cost needs planned units per week; no weekly cost");
        else if (units_per_week_for(line.frequency) && line.planned_units != k_no_quantity &&
                 line.planned_units != 100 && line.planned_units != 0)
            check.warning("units-disagree", name(Col::planned_units), cell(Col::planned_units),
                          "planned units given for a " + std::string(code_label(CodeField::cost_frequency, line.frequency)) +
                              " cost; the frequency is trusted, as DHSC does");
        line.weekly = weekly_cost(*line.unit_cost, line.frequency, line.planned_units);
    }

    template <typename Cell>
    uint32_t add_person(std::string_view id, const PersonFields &f, RowChecker &check, const Cell &cell) {
        auto &p = batch_.ledger.people;
        // Rows of one person are usually adjacent: try the last person before the index.
        std::optional<uint32_t> seen;
        if (last_person_ && p.id.at(*last_person_ + 1) == id) seen = last_person_;
        else seen = batch_.ledger.find_person(id);
        const int32_t birth = f.birth ? f.birth->serial() : k_no_date;
        if (seen) { // seen before: check the person details agree
            const uint32_t index = *seen;
            last_person_ = index;
            // A later part does not know the value kept (the person's first row may be in an
            // earlier part): the merge checks.
            if (later_part_) {
                if (birth != k_no_date || f.support_reason != 0)
                    held_rows_.push_back({check.row(), index, birth, f.support_reason, held_text_.intern(cell(Col::birth)),
                                          held_text_.intern(cell(Col::support_reason))});
            } else {
                warn_conflicts(check, index, birth, f.support_reason, cell(Col::birth), cell(Col::support_reason));
            }
            return index;
        }
        const uint32_t index = static_cast<uint32_t>(p.size());
        p.append(id);
        last_person_ = index;
        first_row_.push_back(check.row());
        if (later_part_) held_first_.push_back({held_text_.intern(cell(Col::birth)), held_text_.intern(cell(Col::support_reason))});
        p.nhs_number[index] = f.nhs;
        p.birth[index] = birth;
        p.death[index] = f.death ? f.death->serial() : k_no_date;
        p.gender[index] = f.gender;
        p.ethnicity[index] = f.ethnicity;
        p.client_type[index] = f.client_type;
        p.support_reason[index] = f.support_reason;
        p.accommodation[index] = f.accommodation;
        p.employment[index] = f.employment;
        p.funding_status[index] = f.funding;
        p.has_carer[index] = f.has_carer;
        p.postcode[index] = batch_.ledger.text.intern(f.postcode);
        return index;
    }

    template <typename Cell>
    void add_line(uint32_t person, const LineFields &f, std::optional<Date> start, std::optional<Date> end,
                  const Cell &cell, RowChecker &check) {
        // DHSC's single-file duplicate key: person, start, type, component, mechanism, cost, frequency,
        // units (and our event reference). The person's id, not index: parts are merged.
        RowKey key{0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
        key.add(batch_.ledger.people.id.at(person + 1));
        for (Col c : {Col::event_start, Col::service_type, Col::component, Col::delivery, Col::unit_cost,
                      Col::frequency, Col::planned_units, Col::event_reference})
            key.add(cell(c));
        if (auto earlier = seen_.insert(key, check.row())) {
            ++duplicates_;
            if (later_part_) held_duplicates_.push_back({check.row(), key, *earlier});
            else warn_duplicate(check.row(), *earlier);
            return;
        }
        if (later_part_) {
            line_keys_.push_back(key);
            line_rows_.push_back(check.row());
        }
        auto &l = batch_.ledger.lines;
        auto &text = batch_.ledger.text;
        const std::size_t i = l.append(person, LineSource::cld, cell(Col::event_reference));
        l.service_type[i] = f.service_type;
        l.component[i] = f.component;
        l.delivery[i] = f.delivery;
        l.frequency[i] = f.frequency;
        l.provider[i] = text.intern(cell(Col::provider_name));
        l.cqc_location[i] = text.intern(cell(Col::provider_cqc_id));
        l.unit_cost[i] = f.unit_cost ? f.unit_cost->pence() : k_no_money;
        l.planned_units[i] = f.planned_units;
        l.weekly_cost[i] = f.weekly ? f.weekly->pence() : 0;
        l.start[i] = start ? start->serial() : k_no_date;
        l.end[i] = end ? end->serial() : k_no_date;
    }

    void warn_mixed_la(uint64_t row, std::string_view la) {
        warned_la_ = true;
        report_.warning("mixed-la-code", row, header_name(Col::la_code), la,
                        "the file mixes councils; the first row's LA code is " + batch_.la_code);
    }

    void warn_duplicate(uint64_t row, uint64_t earlier) {
        report_.warning("duplicate-row", row, "", "", "a duplicate of the service on row " + std::to_string(earlier) + "; skipped");
    }

    // A person seen before with a different date of birth or support reason: the earlier value is
    // kept and the row is warned about, showing the value as given.
    void warn_conflicts(RowChecker &check, uint32_t index, int32_t birth, Code support_reason,
                        std::string_view birth_text, std::string_view reason_text) {
        const auto &p = batch_.ledger.people;
        if (birth != k_no_date && p.birth[index] != k_no_date && birth != p.birth[index])
            check.warning("conflicting-person", header_name(Col::birth), birth_text,
                          "this person has a different date of birth on an earlier row; the earlier value is kept");
        if (support_reason != 0 && p.support_reason[index] != 0 && support_reason != p.support_reason[index])
            check.warning("conflicting-person", header_name(Col::support_reason), reason_text,
                          "this person has a different primary support reason on an earlier row; the earlier value is kept");
    }

    const std::string &header_name(Col c) const {
        const int i = cols_.index[static_cast<std::size_t>(c)];
        return i >= 0 ? cols_.header[static_cast<std::size_t>(i)] : k_unnamed;
    }

    static void note_latest(int32_t &slot, std::optional<Date> date) {
        if (date && (slot == k_no_date || date->serial() > slot)) slot = date->serial();
    }

    static inline const std::string k_unnamed;
    CldBatch &batch_;
    ImportReport &report_;
    const Columns &cols_;
    Caches caches_;
    ReleaseTally tally_;
    bool saw_r2_ = false;
    bool warned_la_ = false;
    std::array<uint64_t, 5> events_{};
    uint64_t duplicates_ = 0;
    std::optional<uint32_t> last_person_;
    bool later_part_ = false;
    RowKeySet seen_;
    // A later part's, for the merge: each kept line's key and row, and the duplicates within it.
    struct HeldDuplicate {
        uint64_t row;
        RowKey key;
        uint64_t first_row; // within this part
    };
    std::vector<RowKey> line_keys_;
    std::vector<uint64_t> line_rows_;
    std::vector<HeldDuplicate> held_duplicates_;
    // A later part's person details as given (text as written), checked against the value kept at the merge.
    struct HeldFirst {
        uint32_t birth, support_reason; // in held_text_
    };
    struct HeldRow {
        uint64_t row;
        uint32_t person; // within this part
        int32_t birth;
        Code support_reason;
        uint32_t birth_text, support_reason_text;
    };
    Dictionary held_text_;
    std::vector<HeldFirst> held_first_; // per person
    std::vector<HeldRow> held_rows_;
    uint64_t la_row_ = 0;                                        // where the first LA code is
    std::optional<std::pair<std::string, uint64_t>> other_la_;  // a later part's first other code
    std::vector<uint64_t> first_row_; // per person: the row they first appear on
};

void read_rows(TableReader &reader, CldRowReader &rows, ImportReport &report, const ProgressFn &progress) {
    std::vector<std::string_view> cells;
    uint64_t since_progress = 0;
    while (reader.next(cells)) {
        if (cells.size() == 1 && RowChecker::blank(cells[0])) continue; // blank line
        ++report.rows_read;
        rows.read(cells, reader.row());
        if (progress && ++since_progress == 65536) {
            since_progress = 0;
            progress(reader.progress_done(), reader.progress_total());
        }
    }
}

} // namespace

CldBatch read_cld(const std::string &path, ImportReport &report, const ProgressFn &progress,
                  const TableOptions &options) {
    auto reader = open_table(path, options);
    report.format = reader->describe();
    CldBatch batch;
    std::vector<std::string_view> cells;
    if (!reader->next(cells)) {
        report.error("empty-file", 0, "", "", "the file is empty; expected a header row of CLD field names");
        return batch;
    }
    const Columns cols = map_header(cells, report);
    if (report.errors() > 0) return batch; // without the key columns no row can be read
    CldRowReader rows(batch, report, cols);
    auto parts = reader->split(2);
    if (parts.empty()) {
        read_rows(*reader, rows, report, progress);
    } else {
        // One part per core, each into its own batch and report, then merged in file order.
        std::vector<CldBatch> batches(parts.size() - 1);
        std::vector<ImportReport> reports(parts.size() - 1, ImportReport(path));
        std::vector<std::unique_ptr<CldRowReader>> readers;
        for (std::size_t k = 0; k + 1 < parts.size(); ++k)
            readers.push_back(std::make_unique<CldRowReader>(batches[k], reports[k], cols, true));
        std::vector<std::thread> threads;
        std::vector<std::exception_ptr> failures(readers.size());
        for (std::size_t k = 0; k < readers.size(); ++k)
            threads.emplace_back([&, k] {
                try {
                    read_rows(*parts[k + 1], *readers[k], reports[k], {});
                } catch (...) {
                    failures[k] = std::current_exception();
                }
            });
        std::exception_ptr first_failure;
        try {
            read_rows(*parts[0], rows, report, progress);
        } catch (...) {
            first_failure = std::current_exception();
        }
        for (auto &t : threads) t.join();
        if (first_failure) std::rethrow_exception(first_failure);
        for (auto &f : failures)
            if (f) std::rethrow_exception(f);
        for (std::size_t k = 0; k < readers.size(); ++k) rows.absorb(*readers[k], k + 1 < readers.size());
    }
    if (report.rows_read == 0)
        report.error("no-rows", 0, "", "", "the file has a header but no data rows");
    rows.finish();
    if (progress) progress(reader->progress_total(), reader->progress_total());
    batch.ledger.as_at = batch.period_end.value_or(Date{});
    return batch;
}

} // namespace ascent::io
