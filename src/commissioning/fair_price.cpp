#include "commissioning/fair_price.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/codes.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::commissioning {

extern const std::vector<std::string_view> k_default_parameters;

namespace {

using i128 = Int128;

// a × b ÷ c, rounded half-up.
int64_t mul_div(i128 a, i128 b, i128 c) { return divide_rounded(a * b, c, RoundingMode::half_up); }

std::string pounds(int64_t pence) { return format_pence(Money::from_pence(pence)); }
std::string pounds_exact(int64_t exact) { return fmt::format("£{:.4f}", static_cast<double>(exact) / static_cast<double>(k_scale * 100)); }
std::string hours(int64_t hundredths) { return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100); }
std::string percent(int64_t bp) { return fmt::format("{}.{:02}%", bp / 100, bp % 100); }

struct ElementName {
    const char *id, *name;
};
constexpr ElementName k_elements[] = {
    {"care_pay", "Care staff pay (shared hours)"}, {"one_to_one_pay", "One-to-one and two-to-one pay"},
    {"night_pay", "Waking nights"},                {"sleep_ins", "Sleep-in nights"},
    {"nurse_pay", "Registered nurse pay"},         {"employer_ni", "Employer National Insurance"},
    {"pension", "Employer pension"},               {"holiday", "Holiday cover"},
    {"training", "Training and supervision"},      {"sickness", "Sickness cover"},
    {"management", "Management and overheads"},   {"hotel", "Hotel costs"},
    {"buildings", "Buildings"},                    {"return", "Operator's return"},
};

std::string_view name_of(std::string_view id) {
    for (const auto &e : k_elements)
        if (id == e.id) return e.name;
    return {};
}

Setting parse_setting(const io::YamlFields &f, const YAML::Node &node) {
    const auto text = normalise_key(node.Scalar());
    if (text == "residential") return Setting::residential;
    if (text == "nursing") return Setting::nursing;
    if (text == "supportedliving") return Setting::supported_living;
    f.fail(node, "'setting' must be residential, nursing or supported living");
}

} // namespace

int64_t Element::pence() const { return mul_div(exact, 1, k_scale); }

params::ParameterSet default_parameters() {
    params::ParameterSet set;
    set.load(k_default_parameters.at(0), "built-in rules/commissioning/england.yaml");
    return set;
}

Placement read_placement(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["name"] || !root["date"] || !root["setting"] || !root["needs"] || !root["needs"].IsMap())
            f.fail(root, "a placement is a mapping with 'name', 'date', 'setting' and 'needs' (and optionally 'fee_paid', 'set', 'open_book')");
        f.keys(root, {"name", "date", "setting", "needs", "fee_paid", "set", "open_book"}, "a placement");
        Placement p;
        p.name = root["name"].Scalar();
        p.date = f.date(root["date"], "'date'");
        p.setting = parse_setting(f, root["setting"]);
        if (root["fee_paid"]) p.fee_paid = f.pence(root["fee_paid"], "'fee_paid'", false);
        const auto &needs = root["needs"];
        const std::pair<const char *, int64_t *> hour_fields[] = {{"shared_hours", &p.needs.shared_hours},
                                                                  {"one_to_one_hours", &p.needs.one_to_one_hours},
                                                                  {"two_to_one_hours", &p.needs.two_to_one_hours},
                                                                  {"nurse_hours", &p.needs.nurse_hours}};
        for (const auto &kv : needs) {
            const auto key = kv.first.Scalar();
            bool known = false;
            for (const auto &[name, target] : hour_fields)
                if (key == name) {
                    *target = f.scaled(kv.second, 2, std::string("'") + name + "' (hours a week)");
                    known = true;
                }
            if (key == "waking_nights" || key == "sleep_in_nights") {
                const auto nights = f.scaled(kv.second, 0, "'" + key + "' (nights a week)");
                if (nights > 7) f.fail(kv.second, "'" + key + "' is nights a week: 0 to 7");
                (key == "waking_nights" ? p.needs.waking_nights : p.needs.sleep_in_nights) = nights;
                known = true;
            }
            if (!known)
                f.fail(kv.first, "unknown need '" + key + "': needs are shared_hours, one_to_one_hours, two_to_one_hours, nurse_hours, "
                                 "waking_nights and sleep_in_nights");
        }
        if (const auto set = root["set"]) {
            if (!set.IsMap()) f.fail(set, "'set' is a mapping of parameter → value");
            for (const auto &kv : set) p.set[kv.first.Scalar()] = kv.second.Scalar();
        }
        if (const auto book = root["open_book"]) {
            if (!book.IsMap()) f.fail(book, "'open_book' is a mapping of cost element → £ a week");
            for (const auto &kv : book) {
                const auto id = kv.first.Scalar();
                if (name_of(id).empty()) {
                    std::string ids;
                    for (const auto &e : k_elements) ids += (ids.empty() ? "" : ", ") + std::string(e.id);
                    f.fail(kv.first, "unknown cost element '" + id + "': the elements are " + ids);
                }
                p.open_book[id] = f.pence(kv.second, "open-book '" + id + "'", false);
            }
        }
        return p;
    });
}

Placement read_placement_file(const std::string &path) { return read_placement(io::read_text_file(path, "placement"), path); }

FairPrice fair_price(const Placement &placement, params::ParameterSet parameters) {
    for (const auto &[name, value] : placement.set) parameters.set(name, placement.date, value, placement.name);
    FairPrice out;
    out.placement = placement;
    out.sources = parameters.sources();
    const Date on = placement.date;
    const auto use = [&](const char *name) { out.used.push_back(parameters.used(name, on)); };
    const auto &n = placement.needs;
    const bool care_home = placement.setting != Setting::supported_living;

    // Hourly rates in 1/100,000 penny.
    const int64_t nlw = parameters.money("wage.national_living_wage", on);
    const int64_t premium = parameters.percent("pay.care_worker_premium", on);
    const int64_t care_rate = mul_div(nlw * k_scale, 10'000 + premium, 10'000);
    const int64_t senior = parameters.percent("pay.senior_premium", on);
    const int64_t senior_rate = mul_div(care_rate, 10'000 + senior, 10'000);
    for (const auto *name : {"wage.national_living_wage", "pay.care_worker_premium", "pay.senior_premium"}) use(name);
    const auto care_rate_text = fmt::format("{} an hour (NLW {} + {})", pounds_exact(care_rate), pounds(nlw), percent(premium));

    const auto add = [&](const char *id, int64_t exact, std::string workings) {
        out.elements.push_back({id, std::string(name_of(id)), exact, std::move(workings)});
        return exact;
    };
    int64_t pay = 0;
    pay += add("care_pay", mul_div(care_rate, n.shared_hours, 100), fmt::format("{} h × {}", hours(n.shared_hours), care_rate_text));
    const int64_t one_to_one = n.one_to_one_hours + 2 * n.two_to_one_hours;
    pay += add("one_to_one_pay", mul_div(senior_rate, one_to_one, 100),
               fmt::format("({} h + 2 × {} h) × {} an hour (care rate + {})", hours(n.one_to_one_hours), hours(n.two_to_one_hours),
                           pounds_exact(senior_rate), percent(senior)));
    if (n.waking_nights > 0) {
        const int64_t night_hours = parameters.hundredths("night.waking_hours", on);
        use("night.waking_hours");
        pay += add("night_pay", mul_div(care_rate, n.waking_nights * night_hours, 100),
                   fmt::format("{} nights × {} h × {}", n.waking_nights, hours(night_hours), pounds_exact(care_rate)));
    }
    if (n.sleep_in_nights > 0) {
        const int64_t allowance = parameters.money("night.sleep_in_allowance", on);
        use("night.sleep_in_allowance");
        pay += add("sleep_ins", n.sleep_in_nights * allowance * k_scale, fmt::format("{} nights × {}", n.sleep_in_nights, pounds(allowance)));
    }
    if (n.nurse_hours > 0) {
        const int64_t nurse = parameters.money("pay.nurse_hourly", on);
        use("pay.nurse_hourly");
        pay += add("nurse_pay", mul_div(nurse * k_scale, n.nurse_hours, 100), fmt::format("{} h × {}", hours(n.nurse_hours), pounds(nurse)));
    }

    // Employer NI as the share of a full-time care worker's pay above the secondary threshold.
    const int64_t fte_hours = parameters.hundredths("staff.fte_hours_weekly", on);
    const int64_t threshold = parameters.money("ni.secondary_threshold_weekly", on) * k_scale;
    const int64_t ni_rate = parameters.percent("ni.employer_rate", on);
    for (const auto *name : {"staff.fte_hours_weekly", "ni.secondary_threshold_weekly", "ni.employer_rate"}) use(name);
    const int64_t fte_pay = mul_div(care_rate, fte_hours, 100);
    const int64_t above = std::max<int64_t>(0, fte_pay - threshold);
    int64_t oncosts = add("employer_ni", fte_pay == 0 ? 0 : mul_div(pay, static_cast<i128>(above) * ni_rate, static_cast<i128>(fte_pay) * 10'000),
                          fmt::format("pay {} × {} × ({} − {}) ÷ {} (a full-time worker's {} h a week above the threshold)",
                                      pounds_exact(pay), percent(ni_rate), pounds_exact(fte_pay), pounds_exact(threshold),
                                      pounds_exact(fte_pay), hours(fte_hours)));
    const std::pair<const char *, const char *> rates[] = {
        {"pension", "oncost.pension"}, {"holiday", "oncost.holiday"}, {"training", "oncost.training"}, {"sickness", "oncost.sickness"}};
    for (const auto &[id, name] : rates) {
        const int64_t rate = parameters.percent(name, on);
        use(name);
        oncosts += add(id, mul_div(pay, rate, 10'000), fmt::format("pay {} × {}", pounds_exact(pay), percent(rate)));
    }
    const int64_t staff = pay + oncosts;
    const int64_t management = parameters.percent("overheads.management", on);
    use("overheads.management");
    int64_t costs = staff + add("management", mul_div(staff, management, 10'000),
                                fmt::format("staff costs {} × {}", pounds_exact(staff), percent(management)));
    if (care_home) {
        for (const auto &[id, name] : {std::pair{"hotel", "hotel.weekly"}, std::pair{"buildings", "buildings.weekly"}}) {
            const int64_t weekly = parameters.money(name, on);
            use(name);
            costs += add(id, weekly * k_scale, fmt::format("{} a week per resident", pounds(weekly)));
        }
    }
    const int64_t ret = parameters.percent("return.operator", on);
    use("return.operator");
    const int64_t total = costs + add("return", mul_div(costs, ret, 10'000), fmt::format("costs {} × {}", pounds_exact(costs), percent(ret)));
    out.total_exact = total;
    out.total = mul_div(total, 1, k_scale);
    if (placement.fee_paid) out.gap = *placement.fee_paid - out.total;
    for (const auto &[id, submitted] : placement.open_book) {
        int64_t calculated = 0;
        for (const auto &e : out.elements)
            if (e.id == id) calculated = e.pence();
        out.open_book.push_back({id, std::string(name_of(id)), calculated, submitted, submitted - calculated});
    }
    std::stable_sort(out.open_book.begin(), out.open_book.end(),
                     [](const auto &a, const auto &b) { return std::abs(a.difference) > std::abs(b.difference); });
    return out;
}

std::string format_fair_price(const FairPrice &p) {
    const auto &pl = p.placement;
    std::string out = fmt::format("{}\nFair price of care on {} ({}), £ a week\n\n", pl.name, pl.date.uk(),
                                  pl.setting == Setting::residential ? "residential" : pl.setting == Setting::nursing ? "nursing" : "supported living");
    for (const auto &e : p.elements) out += fmt::format("  {:<34} {:>12}   {}\n", e.name, pounds(e.pence()), e.workings);
    out += fmt::format("  {:<34} {:>12}   the exact sum, rounded half-up once (elements are rounded for display)\n", "Fair price",
                       pounds(p.total));
    if (p.gap) {
        out += fmt::format("  {:<34} {:>12}\n", "Fee paid", pounds(*pl.fee_paid));
        out += fmt::format("  {:<34} {:>12}   {}\n", "Gap (fee − fair price)", pounds(*p.gap),
                           *p.gap > 0 ? fmt::format("{} a year at 52 weeks", pounds(*p.gap * 52)) : "the fee is at or below the fair price");
    }
    if (!p.open_book.empty()) {
        out += "\nOpen book: the provider's figures against the calculation, largest difference first\n";
        out += fmt::format("  {:<34} {:>12} {:>12} {:>12}\n", "", "submitted", "calculated", "difference");
        for (const auto &l : p.open_book)
            out += fmt::format("  {:<34} {:>12} {:>12} {:>12}\n", l.name, pounds(l.submitted), pounds(l.calculated), pounds(l.difference));
    }
    out += "\nParameters used:\n";
    for (const auto &u : p.used)
        out += fmt::format("  {:<30} {:>10}  from {} [{}] {}\n", u.name, u.value, u.from.uk(), u.tag, u.source);
    for (const auto &s : p.sources) out += "Parameter file: " + s + "\n";
    return out;
}

} // namespace ascent::commissioning
