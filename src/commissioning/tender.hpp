// Brokerage: a package request advertised to providers, their bids (a weekly price and answers to
// quality questions) evaluated by the published quality/price weighting within the ceiling, and
// the award, with the price achieved against the fair price and the time taken to place.
//
// Scores are exact: each bid's points are held in millionths and shown to two decimal places.
// Price points = price weight × lowest compliant price ÷ the bid's price; quality points = Σ
// question weight × score ÷ maximum score × quality weight. A question may be scored from the
// provider's CQC rating by a published table (e.g. outstanding 5, good 4) instead of answered; a
// provider rated inadequate is not compliant whatever it bids.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace ascent::commissioning {

struct Question {
    std::string id;
    int64_t weight = 0; // basis points of the quality score
    // When set, the score comes from the provider's CQC rating (a key of k_cqc_ratings), not from
    // the bid; a rating not in the table counts as a missing answer.
    std::map<std::string, int64_t> cqc_scores;
};

// CQC's ratings, as the register and request files write them; "not yet rated" for a new service.
inline constexpr std::string_view k_cqc_ratings[] = {"outstanding", "good", "requires improvement", "inadequate", "not yet rated"};
bool is_cqc_rating(std::string_view rating);

struct Bid {
    std::string provider;
    int64_t price = 0;                      // pence a week
    std::map<std::string, int64_t> answers; // question → score
    bool withdrawn = false;
    std::optional<Date> submitted;
    std::string cqc_rating; // one of k_cqc_ratings, or empty when not known
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
    std::string cqc_rating;
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
