#include "commissioning/tender.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/codes.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::commissioning {

bool is_cqc_rating(std::string_view rating) {
    return std::find(std::begin(k_cqc_ratings), std::end(k_cqc_ratings), rating) != std::end(k_cqc_ratings);
}

namespace {

std::optional<Date> date_field(const io::YamlFields &f, const YAML::Node &node, const char *what) {
    if (!node) return std::nullopt;
    return f.date(node, std::string("'") + what + "'");
}

const Question *question_of(const TenderRequest &r, const std::string &id) {
    const auto q = std::find_if(r.questions.begin(), r.questions.end(), [&](const Question &x) { return x.id == id; });
    return q == r.questions.end() ? nullptr : &*q;
}

// Why a bidder may not answer `id`, or empty when it may.
std::string unanswerable(const TenderRequest &r, const std::string &id) {
    const auto *q = question_of(r, id);
    if (!q) return "'" + id + "' is not one of the request's questions";
    if (!q->cqc_scores.empty()) return id + " is scored from the provider's CQC rating, not answered by the bidder";
    return "";
}

// The bid's score for a question: its answer, or the score for its provider's CQC rating.
std::optional<int64_t> score_of(const Question &q, const Bid &b) {
    if (!q.cqc_scores.empty()) {
        const auto s = q.cqc_scores.find(b.cqc_rating);
        return s == q.cqc_scores.end() ? std::nullopt : std::optional(s->second);
    }
    const auto a = b.answers.find(q.id);
    return a == b.answers.end() ? std::nullopt : std::optional(a->second);
}

std::string points(int64_t millionths) {
    const int64_t hundredths = (millionths + 5'000) / 10'000;
    return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

} // namespace

TenderRequest read_tender(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["name"] || !root["ceiling"] || !root["price_weight"] || !root["quality_weight"] || !root["questions"] ||
            (root["bids"] && !root["bids"].IsSequence()))
            f.fail(root, "a request is a mapping with 'name', 'ceiling', 'price_weight', 'quality_weight', 'questions' and a list of 'bids'");
        f.keys(root,
               {"name", "ceiling", "price_weight", "quality_weight", "max_score", "missing_answers", "questions", "fair_price",
                "advertised", "decided", "bids"},
               "a request");
        TenderRequest r;
        r.name = root["name"].Scalar();
        r.ceiling = f.pence(root["ceiling"], "'ceiling'", true);
        r.price_weight = f.scaled(root["price_weight"], 2, "'price_weight'", true);
        r.quality_weight = f.scaled(root["quality_weight"], 2, "'quality_weight'", true);
        if (r.price_weight + r.quality_weight != 10'000) f.fail(root["price_weight"], "'price_weight' and 'quality_weight' must add up to 100%");
        if (root["max_score"]) r.max_score = f.scaled(root["max_score"], 0, "'max_score'");
        if (r.max_score <= 0) f.fail(root["max_score"], "'max_score' must be 1 or more");
        if (const auto m = root["missing_answers"]) {
            const auto key = normalise_key(m.Scalar());
            if (key != "reject" && key != "zero") f.fail(m, "'missing_answers' is reject or zero");
            r.missing = key == "reject" ? MissingAnswers::reject : MissingAnswers::score_zero;
        }
        const auto checked_score = [&](const YAML::Node &node) {
            const auto score = f.scaled(node, 0, "a score");
            if (score > r.max_score) f.fail(node, fmt::format("a score is 0 to {}", r.max_score));
            return score;
        };
        int64_t weights = 0;
        for (const auto &q : root["questions"]) {
            f.keys(q, {"id", "weight", "cqc"}, "a question");
            if (!q["id"] || !q["weight"]) f.fail(q, "each question has an 'id' and a 'weight'");
            Question question{q["id"].Scalar(), f.scaled(q["weight"], 2, "a question's 'weight'", true), {}};
            if (const auto table = q["cqc"]) {
                if (!table.IsMap() || table.size() == 0) f.fail(table, "'cqc' maps CQC ratings to scores, e.g. {outstanding: 5, good: 4}");
                for (const auto &kv : table) {
                    const auto rating = kv.first.Scalar();
                    if (!is_cqc_rating(rating) || rating == "inadequate")
                        f.fail(kv.first, "'" + rating + "' is not a rating that can score: outstanding, good, requires improvement or not yet rated");
                    question.cqc_scores[rating] = checked_score(kv.second);
                }
            }
            weights += question.weight;
            r.questions.push_back(std::move(question));
        }
        if (weights != 10'000) f.fail(root["questions"], fmt::format("the questions' weights add up to {}.{:02}%, not 100%", weights / 100, weights % 100));
        if (root["fair_price"]) r.fair_price = f.pence(root["fair_price"], "'fair_price'", true);
        r.advertised = date_field(f, root["advertised"], "advertised");
        r.decided = date_field(f, root["decided"], "decided");
        for (const auto &b : root["bids"]) {
            if (!b.IsMap() || !b["provider"] || !b["price"]) f.fail(b, "each bid has a 'provider' and a 'price' (and 'answers')");
            f.keys(b, {"provider", "price", "answers", "withdrawn", "submitted", "cqc"}, "a bid");
            Bid bid;
            bid.provider = b["provider"].Scalar();
            bid.price = f.pence(b["price"], "a bid's 'price'", true);
            if (const auto answers = b["answers"]) {
                for (const auto &kv : answers) {
                    const auto id = kv.first.Scalar();
                    if (const auto why = unanswerable(r, id); !why.empty()) f.fail(kv.first, why);
                    bid.answers[id] = checked_score(kv.second);
                }
            }
            if (const auto w = b["withdrawn"]) bid.withdrawn = normalise_key(w.Scalar()) == "yes";
            bid.submitted = date_field(f, b["submitted"], "submitted");
            if (const auto rating = b["cqc"]) {
                bid.cqc_rating = rating.Scalar();
                if (!is_cqc_rating(bid.cqc_rating)) f.fail(rating, "'cqc' is outstanding, good, requires improvement, inadequate or not yet rated");
            }
            r.bids.push_back(std::move(bid));
        }
        return r;
    });
}

std::map<std::string, int64_t> parse_answers(const TenderRequest &request, const std::string &text) {
    std::map<std::string, int64_t> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = std::min(text.find(';', at), text.size());
        const auto pair = text.substr(at, end - at);
        at = end + 1;
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const auto id = pair.substr(0, eq);
        if (eq == std::string::npos || !question_of(request, id))
            throw input_error("'" + pair + "' is not QUESTION=SCORE for one of the request's questions");
        if (const auto why = unanswerable(request, id); !why.empty()) throw input_error(why);
        const auto score = parse_decimal(pair.substr(eq + 1), 0);
        if (!score || score->num < 0 || score->num > request.max_score)
            throw input_error(fmt::format("the score for {} must be 0 to {}, not '{}'", id, request.max_score, pair.substr(eq + 1)));
        out[id] = score->num;
    }
    return out;
}

TenderRequest read_tender_file(const std::string &path) { return read_tender(io::read_text_file(path, "request"), path); }

Evaluation evaluate(const TenderRequest &request) {
    Evaluation e;
    e.request = request;
    std::vector<BidResult> scored, others;
    int64_t lowest = 0;
    const auto missing_of = [&](const Bid &b) {
        std::string missing;
        for (const auto &q : request.questions)
            if (!score_of(q, b))
                missing += (missing.empty() ? "" : ", ") + q.id +
                           (q.cqc_scores.empty() ? "" : " (CQC rating " + (b.cqc_rating.empty() ? "not known" : b.cqc_rating) + " has no score)");
        return missing;
    };
    for (const auto &b : request.bids) {
        BidResult r{b.provider, b.price, "scored", 0, 0, 0, 0, b.cqc_rating};
        const auto missing = missing_of(b);
        if (b.withdrawn) r.status = "withdrawn";
        else if (b.cqc_rating == "inadequate") r.status = "not compliant: the provider's CQC rating is inadequate";
        else if (b.price > request.ceiling) r.status = "not compliant: above the ceiling of " + format_pence(Money::from_pence(request.ceiling));
        else if (!missing.empty() && request.missing == MissingAnswers::reject) r.status = "not compliant: no answer to " + missing;
        if (r.status != "scored") {
            others.push_back(r);
            continue;
        }
        if (!missing.empty()) r.status = "scored (no answer to " + missing + ": scored 0)";
        lowest = lowest == 0 ? b.price : std::min(lowest, b.price);
        for (const auto &q : request.questions) {
            // millionths of a point: weight (bp) × score ÷ max × quality weight (bp), rounded half-up.
            if (const auto score = score_of(q, b))
                r.quality_points += (q.weight * *score * request.quality_weight + request.max_score / 2) / request.max_score;
        }
        scored.push_back(r);
    }
    for (auto &r : scored) {
        // millionths of a point: price weight (bp) × 10,000 × lowest ÷ price, rounded half-up.
        r.price_points = static_cast<int64_t>((static_cast<Int128>(request.price_weight) * 10'000 * lowest + r.price / 2) / r.price);
        r.total = r.price_points + r.quality_points;
    }
    // Highest total first; a tie is broken by quality, then price; still equal, they share a rank.
    std::stable_sort(scored.begin(), scored.end(), [](const BidResult &a, const BidResult &b) {
        if (a.total != b.total) return a.total > b.total;
        if (a.quality_points != b.quality_points) return a.quality_points > b.quality_points;
        return a.price < b.price;
    });
    for (std::size_t k = 0; k < scored.size(); ++k) {
        const bool same = k > 0 && scored[k].total == scored[k - 1].total && scored[k].quality_points == scored[k - 1].quality_points &&
                          scored[k].price == scored[k - 1].price;
        scored[k].rank = same ? scored[k - 1].rank : static_cast<int>(k + 1);
    }
    e.bids = scored;
    e.bids.insert(e.bids.end(), others.begin(), others.end());
    if (scored.empty()) {
        e.award_note = "no compliant bid: re-advertise, or negotiate within the ceiling";
    } else if (scored.size() > 1 && scored[1].rank == 1) {
        e.award_note = "a tie on total, quality and price between the leading bids: the panel must moderate before an award";
    } else {
        e.award = 0;
        if (scored.size() > 1 && scored[1].total == scored[0].total)
            e.award_note = scored[1].quality_points != scored[0].quality_points ? "equal totals: the higher quality score wins"
                                                                                : "equal totals and quality: the lower price wins";
        if (request.fair_price) e.against_fair_price = scored[0].price - *request.fair_price;
        if (request.advertised && request.decided) e.days_to_place = request.advertised->days_until(*request.decided);
    }
    return e;
}

std::string format_evaluation(const Evaluation &e) {
    const auto pounds = [](int64_t p) { return format_pence(Money::from_pence(p)); };
    const auto &r = e.request;
    std::string out = fmt::format("{}\nCeiling {} a week; price {}.{:02}%, quality {}.{:02}% (scores 0 to {})\n\n", r.name, pounds(r.ceiling),
                                  r.price_weight / 100, r.price_weight % 100, r.quality_weight / 100, r.quality_weight % 100, r.max_score);
    out += fmt::format("  {:>4}  {:<30} {:>12} {:>8} {:>8} {:>8}  {}\n", "rank", "provider", "£ a week", "price", "quality", "total", "status");
    const bool cqc_scores = std::any_of(r.questions.begin(), r.questions.end(), [](const Question &q) { return !q.cqc_scores.empty(); });
    for (const auto &b : e.bids)
        out += fmt::format("  {:>4}  {:<30} {:>12} {:>8} {:>8} {:>8}  {}{}\n", b.rank ? std::to_string(b.rank) : "-", b.provider.substr(0, 30),
                           pounds(b.price), b.rank ? points(b.price_points) : "", b.rank ? points(b.quality_points) : "",
                           b.rank ? points(b.total) : "", b.status, cqc_scores && b.rank ? "; CQC " + b.cqc_rating : "");
    out += "\n";
    if (e.award) {
        out += fmt::format("Award: {} at {} a week", e.bids[*e.award].provider, pounds(e.bids[*e.award].price));
        if (e.against_fair_price) out += fmt::format("; {} against the fair price of {}", pounds(*e.against_fair_price), pounds(*r.fair_price));
        if (e.days_to_place) out += fmt::format("; placed in {} days", *e.days_to_place);
        out += "\n";
    }
    if (!e.award_note.empty()) out += (e.award ? "Note: " : "No award: ") + e.award_note + "\n";
    return out;
}

} // namespace ascent::commissioning
