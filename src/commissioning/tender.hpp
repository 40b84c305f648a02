// Brokerage: a package request advertised to providers, their bids (a weekly price and answers to
// quality questions) evaluated by the published quality/price weighting within the ceiling, and
// the award, with the price achieved against the fair price and the time taken to place.
//
// Scores are exact: each bid's points are held in millionths and shown to two decimal places.
// Price points = price weight × lowest compliant price ÷ the bid's price; quality points = Σ
// question weight × score ÷ maximum score × quality weight.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace ascent::commissioning {

struct Question {
    std::string id;
    int64_t weight = 0; // basis points of the quality score
};

struct Bid {
    std::string provider;
    int64_t price = 0;                      // pence a week
    std::map<std::string, int64_t> answers; // question → score
    bool withdrawn = false;
    std::optional<Date> submitted;
    std::string excluded; // why the bid cannot be scored whatever its price, e.g. the provider's CQC rating
};

enum class MissingAnswers { reject, score_zero };

struct TenderRequest {
    std::string name;
    int64_t ceiling = 0;                    // pence a week: bids above it are not compliant
    int64_t price_weight = 0, quality_weight = 0; // basis points; together 100%
    int64_t max_score = 5;
    MissingAnswers missing = MissingAnswers::reject;
    std::vector<Question> questions;
    std::optional<int64_t> fair_price;      // pence a week
    std::optional<Date> advertised, decided;
    std::vector<Bid> bids;
};

// A request and its bids (a request advertised on the DPS has none yet: 'bids' may be left out).
TenderRequest read_tender(std::string_view text, const std::string &path);
// Scores written "Q1=4;Q2=3", checked against the request's questions and maximum score.
std::map<std::string, int64_t> parse_answers(const TenderRequest &request, const std::string &text);
TenderRequest read_tender_file(const std::string &path);

struct BidResult {
    std::string provider;
    int64_t price = 0;
    std::string status;                     // "scored", "withdrawn", or why it is not compliant
    int64_t price_points = 0, quality_points = 0, total = 0; // millionths of a point out of 100
    int rank = 0;                           // 1 = best; 0 when not scored; equal for a tie
};

struct Evaluation {
    TenderRequest request;
    std::vector<BidResult> bids;            // scored bids by rank, then the rest in the order given
    std::optional<std::size_t> award;       // index into bids
    std::string award_note;                 // why there is no award, or the tie-break used
    std::optional<int64_t> against_fair_price; // awarded price − fair price, pence a week
    std::optional<int32_t> days_to_place;
};

Evaluation evaluate(const TenderRequest &request);

std::string format_evaluation(const Evaluation &evaluation);

} // namespace ascent::commissioning
