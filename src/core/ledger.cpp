#include "core/ledger.hpp"

#include <array>
#include <utility>

namespace ascent {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_named(std::string_view text, const std::array<std::pair<std::string_view, Enum>, N> &names) {
    const auto key = normalise_key(text);
    for (const auto &[name, value] : names)
        if (key == name) return value;
    return std::nullopt;
}

template <typename T> std::size_t bytes_of(const std::vector<T> &v) { return v.capacity() * sizeof(T); }
template <typename T> std::size_t packed_bytes_of(const std::vector<T> &v) { return v.size() * sizeof(T); }
template <typename T> void shrink(std::vector<T> &v) { v.shrink_to_fit(); }

template <typename P, typename F> void for_each_person_column(P &p, F &&f) {
    f(p.nhs_number), f(p.birth), f(p.death), f(p.gender), f(p.ethnicity), f(p.client_type), f(p.support_reason),
        f(p.accommodation), f(p.employment), f(p.funding_status), f(p.has_carer), f(p.postcode), f(p.team),
        f(p.placing_authority), f(p.location), f(p.out_of_area), f(p.distance_km), f(p.s117), f(p.s117_start),
        f(p.s117_end), f(p.chc), f(p.benefit), f(p.benefit_rate), f(p.appointee), f(p.last_review),
        f(p.last_financial_assessment);
}

template <typename L, typename F> void for_each_line_column(L &s, F &&f) {
    f(s.person), f(s.service_type), f(s.component), f(s.delivery), f(s.frequency), f(s.provider), f(s.cqc_location),
        f(s.unit_cost), f(s.planned_units), f(s.weekly_cost), f(s.start), f(s.end), f(s.night), f(s.staff_ratio),
        f(s.chc_share), f(s.s117_share), f(s.other_council_share), f(s.client_contribution), f(s.accommodation_cost),
        f(s.source);
}

// Applies `f` to every fixed-width column of the ledger.
template <typename L, typename F> void for_each_column(L &l, F &&f) {
    for_each_person_column(l.people, f);
    for_each_line_column(l.lines, f);
    auto &c = l.changes;
    f(c.person), f(c.ref), f(c.reason), f(c.effective), f(c.old_weekly), f(c.new_weekly);
    auto &d = l.direct_payments;
    f(d.person), f(d.paid), f(d.spent), f(d.balance), f(d.audit_date);
    f(l.finances);
}

} // namespace

std::string_view to_string(AgeBand band) {
    switch (band) {
    case AgeBand::under_18: return "Under 18";
    case AgeBand::working_age: return "18-64";
    case AgeBand::older_65_79: return "65-79";
    case AgeBand::older_80_plus: return "80+";
    case AgeBand::unknown: break;
    }
    return "Unknown";
}

AgeBand age_band_of(int age) {
    if (age < 0) return AgeBand::unknown;
    if (age < 18) return AgeBand::under_18;
    if (age < 65) return AgeBand::working_age;
    if (age < 80) return AgeBand::older_65_79;
    return AgeBand::older_80_plus;
}

std::string_view to_string(S117Status s) {
    switch (s) {
    case S117Status::none: return "none";
    case S117Status::open: return "open";
    case S117Status::ended: return "ended";
    case S117Status::not_recorded: break;
    }
    return "";
}

std::string_view to_string(ChcStatus s) {
    switch (s) {
    case ChcStatus::not_assessed: return "not assessed";
    case ChcStatus::checklist_positive: return "checklist positive";
    case ChcStatus::not_eligible: return "not eligible";
    case ChcStatus::eligible: return "eligible";
    case ChcStatus::joint_funded: return "joint funded";
    case ChcStatus::not_recorded: break;
    }
    return "";
}

std::string_view to_string(Benefit b) {
    switch (b) {
    case Benefit::none: return "none";
    case Benefit::attendance_allowance: return "AA";
    case Benefit::pip_daily_living: return "PIP daily living";
    case Benefit::dla_care: return "DLA care";
    case Benefit::not_recorded: break;
    }
    return "";
}

std::string_view to_string(BenefitRate r) {
    switch (r) {
    case BenefitRate::lowest: return "lowest";
    case BenefitRate::middle: return "middle";
    case BenefitRate::highest: return "highest";
    case BenefitRate::not_recorded: break;
    }
    return "";
}

std::string_view to_string(NightSupport n) {
    switch (n) {
    case NightSupport::none: return "none";
    case NightSupport::sleep_in: return "sleep-in";
    case NightSupport::waking: return "waking";
    case NightSupport::not_recorded: break;
    }
    return "";
}

std::string_view to_string(LineSource s) { return s == LineSource::cld ? "CLD" : "extract"; }

std::optional<S117Status> parse_s117(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, S117Status>, 9> k_names = {{
        {"none", S117Status::none}, {"no", S117Status::none}, {"n", S117Status::none},
        {"open", S117Status::open}, {"yes", S117Status::open}, {"y", S117Status::open},
        {"eligible", S117Status::open}, {"ended", S117Status::ended}, {"closed", S117Status::ended},
    }};
    return parse_named(text, k_names);
}

std::optional<ChcStatus> parse_chc(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, ChcStatus>, 10> k_names = {{
        {"notassessed", ChcStatus::not_assessed}, {"none", ChcStatus::not_assessed},
        {"checklistpositive", ChcStatus::checklist_positive}, {"checklist", ChcStatus::checklist_positive},
        {"noteligible", ChcStatus::not_eligible}, {"ineligible", ChcStatus::not_eligible},
        {"eligible", ChcStatus::eligible}, {"fullyfunded", ChcStatus::eligible},
        {"jointfunded", ChcStatus::joint_funded}, {"joint", ChcStatus::joint_funded},
    }};
    return parse_named(text, k_names);
}

std::optional<Benefit> parse_benefit(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, Benefit>, 9> k_names = {{
        {"none", Benefit::none}, {"aa", Benefit::attendance_allowance},
        {"attendanceallowance", Benefit::attendance_allowance}, {"pip", Benefit::pip_daily_living},
        {"pipdailyliving", Benefit::pip_daily_living}, {"personalindependencepayment", Benefit::pip_daily_living},
        {"dla", Benefit::dla_care}, {"dlacare", Benefit::dla_care}, {"disabilitylivingallowance", Benefit::dla_care},
    }};
    return parse_named(text, k_names);
}

std::optional<BenefitRate> parse_benefit_rate(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, BenefitRate>, 9> k_names = {{
        {"lowest", BenefitRate::lowest}, {"lower", BenefitRate::middle}, {"standard", BenefitRate::middle},
        {"middle", BenefitRate::middle}, {"higher", BenefitRate::highest}, {"enhanced", BenefitRate::highest},
        {"highest", BenefitRate::highest}, {"low", BenefitRate::lowest}, {"high", BenefitRate::highest},
    }};
    return parse_named(text, k_names);
}

std::optional<NightSupport> parse_night_support(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, NightSupport>, 8> k_names = {{
        {"none", NightSupport::none}, {"no", NightSupport::none}, {"sleepin", NightSupport::sleep_in},
        {"sleeping", NightSupport::sleep_in}, {"sleepingnight", NightSupport::sleep_in},
        {"waking", NightSupport::waking}, {"wakingnight", NightSupport::waking}, {"wakingnights", NightSupport::waking},
    }};
    return parse_named(text, k_names);
}

uint32_t PersonColumns::append(std::string_view person_id) {
    const auto before = id.size();
    const uint32_t index = id.intern(person_id) - 1;
    if (id.size() == before) return index;
    nhs_number.push_back(0);
    birth.push_back(k_no_date);
    death.push_back(k_no_date);
    for (auto *column : {&gender, &ethnicity, &client_type, &support_reason, &accommodation, &employment,
                         &funding_status, &has_carer})
        column->push_back(0);
    for (auto *column : {&postcode, &team, &placing_authority, &location}) column->push_back(0);
    out_of_area.push_back(-1);
    distance_km.push_back(k_no_quantity);
    s117.push_back(S117Status::not_recorded);
    for (auto *column : {&s117_start, &s117_end, &last_review, &last_financial_assessment}) column->push_back(k_no_date);
    chc.push_back(ChcStatus::not_recorded);
    benefit.push_back(Benefit::not_recorded);
    benefit_rate.push_back(BenefitRate::not_recorded);
    appointee.push_back(-1);
    return index;
}

namespace {

template <typename... Columns> void reserve_all(std::size_t count, Columns &...columns) { (columns.reserve(count), ...); }

// Appends `from[rows]` to `to`, one column at a time (a sequential pass each), through `map`.
template <typename T, typename Map>
void append_column(std::vector<T> &to, const std::vector<T> &from, const std::vector<uint32_t> &rows, const Map &map) {
    for (const uint32_t r : rows) to.push_back(map(from[r]));
}

} // namespace

void PersonColumns::reserve(std::size_t count) {
    id.reserve(count + 1); // id 0 is the empty string
    reserve_all(count, nhs_number, birth, death, gender, ethnicity, client_type, support_reason, accommodation,
                employment, funding_status, has_carer, postcode, team, placing_authority, location, out_of_area,
                distance_km, s117, s117_start, s117_end, chc, benefit, benefit_rate, appointee, last_review,
                last_financial_assessment);
}

void LineColumns::reserve(std::size_t count, std::size_t ref_bytes) {
    ref.reserve(count, ref_bytes);
    reserve_all(count, person, service_type, component, delivery, frequency, provider, cqc_location, unit_cost,
                planned_units, weekly_cost, start, end, night, staff_ratio, chc_share, s117_share,
                other_council_share, client_contribution, accommodation_cost, source);
}

void LineColumns::append_rows(const LineColumns &from, const std::vector<uint32_t> &rows,
                              const std::vector<uint32_t> &person_map, const std::vector<uint32_t> &text_map) {
    std::size_t ref_bytes = ref.payload_bytes();
    for (const uint32_t r : rows) ref_bytes += from.ref.at(r).size();
    reserve(size() + rows.size(), ref_bytes);
    for (const uint32_t r : rows) ref.push_back(from.ref.at(r));
    append_column(person, from.person, rows, [&](uint32_t p) { return person_map[p]; });
    const auto text = [&](uint32_t id) { return text_map[id]; };
    append_column(provider, from.provider, rows, text);
    append_column(cqc_location, from.cqc_location, rows, text);
    const auto copy = [&](auto &to, const auto &column) { append_column(to, column, rows, [](auto v) { return v; }); };
    copy(service_type, from.service_type);
    copy(component, from.component);
    copy(delivery, from.delivery);
    copy(frequency, from.frequency);
    copy(unit_cost, from.unit_cost);
    copy(planned_units, from.planned_units);
    copy(weekly_cost, from.weekly_cost);
    copy(start, from.start);
    copy(end, from.end);
    copy(night, from.night);
    copy(staff_ratio, from.staff_ratio);
    copy(chc_share, from.chc_share);
    copy(s117_share, from.s117_share);
    copy(other_council_share, from.other_council_share);
    copy(client_contribution, from.client_contribution);
    copy(accommodation_cost, from.accommodation_cost);
    copy(source, from.source);
}

std::size_t LineColumns::append(uint32_t person_index, LineSource line_source, std::string_view line_ref) {
    person.push_back(person_index);
    ref.push_back(line_ref);
    for (auto *column : {&provider, &cqc_location}) column->push_back(0);
    for (auto *column : {&service_type, &component, &delivery, &frequency}) column->push_back(0);
    unit_cost.push_back(k_no_money);
    planned_units.push_back(k_no_quantity);
    weekly_cost.push_back(0);
    start.push_back(k_no_date);
    end.push_back(k_no_date);
    night.push_back(NightSupport::not_recorded);
    staff_ratio.push_back(0);
    for (auto *column : {&chc_share, &s117_share, &other_council_share}) column->push_back(0);
    client_contribution.push_back(k_no_money);
    accommodation_cost.push_back(k_no_money);
    source.push_back(line_source);
    return person.size() - 1;
}

std::optional<uint32_t> Ledger::find_person(std::string_view id) const {
    const auto found = people.id.find(id);
    if (found == 0) return std::nullopt;
    return found - 1;
}

bool Ledger::line_active(std::size_t line, Date date) const {
    const auto day = date.serial();
    const auto start = lines.start[line];
    const auto end = lines.end[line];
    return (start == k_no_date || start <= day) && (end == k_no_date || end >= day);
}

std::size_t Ledger::memory_bytes() const {
    std::size_t bytes = people.id.memory_bytes() + lines.ref.memory_bytes() + text.memory_bytes();
    for_each_column(*this, [&](const auto &column) { bytes += bytes_of(column); });
    return bytes;
}

std::size_t Ledger::raw_columnar_bytes() const {
    std::size_t bytes = lines.ref.payload_bytes() + lines.size() * sizeof(uint32_t); // text + 4-byte offsets
    for (uint32_t i = 1; i < people.id.size(); ++i) bytes += people.id.at(i).size() + sizeof(uint32_t);
    for (uint32_t i = 1; i < text.size(); ++i) bytes += text.at(i).size() + sizeof(uint32_t);
    for_each_column(*this, [&](const auto &column) { bytes += packed_bytes_of(column); });
    return bytes;
}

void Ledger::reserve(std::size_t people_count, std::size_t line_count) {
    for_each_person_column(people, [&](auto &column) { column.reserve(people_count); });
    for_each_line_column(lines, [&](auto &column) { column.reserve(line_count); });
}

void Ledger::shrink_to_fit() {
    lines.ref.shrink_to_fit();
    for_each_column(*this, [](auto &column) { shrink(column); });
}

} // namespace ascent
