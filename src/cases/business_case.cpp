#include "cases/business_case.hpp"

#include <algorithm>
#include <cctype>

#include "core/money.hpp"

namespace ascent::cases {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_named(std::string_view text, const std::array<std::string_view, N> &names) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    return std::nullopt;
}

constexpr std::array<std::string_view, 7> k_status = {"draft",    "submitted", "in_review", "agreed_in_principle",
                                                      "approved", "rejected",  "withdrawn"};
constexpr std::array<std::string_view, 4> k_category = {"efficiency", "growth_avoidance", "service_redesign", "income"};
constexpr std::array<std::string_view, 4> k_category_title = {"Efficiency Savings", "Growth Avoidance", "Service Redesign",
                                                              "Income Generation"};
constexpr std::array<std::string_view, 3> k_rating = {"L", "M", "H"};
constexpr std::array<std::string_view, 4> k_kind = {"annual", "weekly", "capacity", "explicit"};
constexpr std::array<std::string_view, 4> k_type = {"saving", "income", "reinvestment", "investment"};
constexpr std::array<std::string_view, 9> k_equality_title = {
    "Disabled people",
    "Particular ethnic groups",
    "Men or women (including impacts due to pregnancy/maternity)",
    "People who are married or in a civil partnership",
    "People of particular sexual orientation",
    "People who are proposing to undergo, undergoing or undergone a process or part of a process of gender reassignment",
    "People on low incomes",
    "People in particular age groups",
    "Groups with particular faiths and beliefs"};

} // namespace

std::string_view to_string(Status s) { return k_status[static_cast<std::size_t>(s)]; }
std::string_view to_string(Category c) { return k_category[static_cast<std::size_t>(c)]; }
std::string_view title_of(Category c) { return k_category_title[static_cast<std::size_t>(c)]; }
std::string_view letter_of(Rating r) { return k_rating[static_cast<std::size_t>(r)]; }
std::string_view to_string(LineKind k) { return k_kind[static_cast<std::size_t>(k)]; }
std::string_view to_string(LineType t) { return k_type[static_cast<std::size_t>(t)]; }
std::string_view to_string(Basis b) { return b == Basis::in_year ? "in_year" : "incremental"; }
std::string_view equality_title(std::size_t group) { return k_equality_title.at(group); }

std::optional<Status> parse_status(std::string_view text) { return parse_named<Status>(text, k_status); }
std::optional<Category> parse_category(std::string_view text) { return parse_named<Category>(text, k_category); }

std::optional<Rating> parse_rating(std::string_view text) {
    if (text.size() != 1) return std::nullopt;
    const char upper[] = {static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))), '\0'};
    return parse_named<Rating>(std::string_view(upper, 1), k_rating);
}

std::optional<StatedAmount> parse_stated(std::string_view text) {
    std::string s;
    for (const char ch : text)
        if (ch != ',' && ch != ' ') s += ch;
    if (s.rfind("£", 0) == 0) s.erase(0, std::string_view("£").size());
    int64_t scale = 100; // pence per unit written
    if (!s.empty() && (s.back() == 'K' || s.back() == 'k')) {
        scale = 100'000;
        s.pop_back();
    } else if (!s.empty() && s.back() == 'm') {
        scale = 100'000'000;
        s.pop_back();
    }
    const std::size_t point = s.find('.');
    const int decimals = point == std::string::npos ? 0 : static_cast<int>(s.size() - point - 1);
    const auto value = parse_decimal(s, decimals);
    if (!value || s.empty()) return std::nullopt;
    // value = num/den units; the precision is one unit of the last written digit.
    if (scale % value->den != 0) return std::nullopt; // more decimals than pence allow
    return StatedAmount{value->num * (scale / value->den), scale / value->den, std::string(text)};
}

const DeliveryOption &BusinessCase::preferred() const {
    const auto it = std::find_if(options.begin(), options.end(), [](const DeliveryOption &o) { return o.preferred; });
    return it != options.end() ? *it : options.front();
}

const std::string *BusinessCase::section(std::string_view key) const {
    for (const auto &[k, text] : sections)
        if (k == key) return text.empty() ? nullptr : &text;
    return nullptr;
}

BusinessCase new_case(const std::string &id, const std::string &title, FinancialYear first_year) {
    BusinessCase c;
    c.id = id;
    c.title = title;
    c.first_year = first_year;
    for (const auto &[key, heading] : k_sections) c.sections.emplace_back(key, "");
    Line line;
    line.name = "Saving at full effect (replace with the case's lines)";
    line.start = first_year.first_day();
    c.options.push_back({"Preferred option", "", true, {line}, {}});
    c.risks.push_back({"Describe a risk", Rating::medium, Rating::medium, "and its mitigation"});
    c.milestones.push_back({"Describe a milestone", first_year.first_day().uk()});
    return c;
}

std::vector<std::pair<std::string, std::string>> details_of(const BusinessCase &c) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto add = [&](const char *label, std::string value) {
        if (!value.empty()) out.emplace_back(label, std::move(value));
    };
    add("Status", std::string(to_string(c.status)));
    add("Category", std::string(title_of(c.category)));
    add("Directorate", c.directorate);
    add("Service", c.service);
    add("Senior responsible officer", c.senior_responsible_officer);
    add("Executive director", c.executive_director);
    add("Cabinet member", c.cabinet_member);
    add("Headline saving", c.headline ? c.headline->amount.text + (c.headline->year ? " in " + c.headline->year->label() : "") : "");
    add("Years", std::to_string(c.years) + " from " + c.first_year.label() + ", " + std::string(c.weeks.name) + " weeks a year");
    add("How to be achieved", c.how_achieved);
    add("Risk to delivery", std::string(letter_of(c.delivery_risk)));
    add("Impacts on staff", c.staff_impact);
    std::string cohorts;
    for (const auto &name : c.cohorts) cohorts += (cohorts.empty() ? "" : ", ") + name;
    add("Cohorts and levers", cohorts);
    return out;
}

} // namespace ascent::cases
