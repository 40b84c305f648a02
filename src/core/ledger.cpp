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

std::size_t LineColumns::append(uint32_t person_index, LineSource line_source) {
    person.push_back(person_index);
    for (auto *column : {&ref, &provider, &cqc_location}) column->push_back(0);
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
    const auto &p = people;
    std::size_t bytes = p.id.memory_bytes() + bytes_of(p.nhs_number) + bytes_of(p.birth) + bytes_of(p.death) +
                        bytes_of(p.gender) + bytes_of(p.ethnicity) + bytes_of(p.client_type) +
                        bytes_of(p.support_reason) + bytes_of(p.accommodation) + bytes_of(p.employment) +
                        bytes_of(p.funding_status) + bytes_of(p.has_carer) + bytes_of(p.postcode) + bytes_of(p.team) +
                        bytes_of(p.placing_authority) + bytes_of(p.location) + bytes_of(p.out_of_area) +
                        bytes_of(p.distance_km) + bytes_of(p.s117) + bytes_of(p.s117_start) + bytes_of(p.s117_end) +
                        bytes_of(p.chc) + bytes_of(p.benefit) + bytes_of(p.benefit_rate) + bytes_of(p.appointee) +
                        bytes_of(p.last_review) + bytes_of(p.last_financial_assessment);
    const auto &l = lines;
    bytes += bytes_of(l.person) + bytes_of(l.ref) + bytes_of(l.service_type) + bytes_of(l.component) +
             bytes_of(l.delivery) + bytes_of(l.frequency) + bytes_of(l.provider) + bytes_of(l.cqc_location) +
             bytes_of(l.unit_cost) + bytes_of(l.planned_units) + bytes_of(l.weekly_cost) + bytes_of(l.start) +
             bytes_of(l.end) + bytes_of(l.night) + bytes_of(l.staff_ratio) + bytes_of(l.chc_share) +
             bytes_of(l.s117_share) + bytes_of(l.other_council_share) + bytes_of(l.client_contribution) +
             bytes_of(l.accommodation_cost) + bytes_of(l.source);
    bytes += bytes_of(changes.person) + bytes_of(changes.ref) + bytes_of(changes.reason) + bytes_of(changes.effective) +
             bytes_of(changes.old_weekly) + bytes_of(changes.new_weekly);
    bytes += bytes_of(direct_payments.person) + bytes_of(direct_payments.paid) + bytes_of(direct_payments.spent) +
             bytes_of(direct_payments.balance) + bytes_of(direct_payments.audit_date);
    return bytes + text.memory_bytes();
}

} // namespace ascent
