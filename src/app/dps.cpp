// The dynamic purchasing system's register: admissions, requests, bids and awards, each audited.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/council.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/yaml_text.hpp"

namespace ascent::app {

std::vector<std::string> Council::dps_eligible(const std::string &lot, const std::string &zone) {
    std::vector<std::string> out;
    for (const auto &a : store_->dps().admissions())
        if (a.lot == lot && (zone.empty() || a.zone.empty() || a.zone == zone) && std::find(out.begin(), out.end(), a.provider) == out.end())
            out.push_back(a.provider);
    return out;
}

void Council::dps_admit(const store::DpsAdmission &admission) {
    if (admission.provider.empty() || admission.lot.empty()) throw input_error("a provider is admitted by name to a lot");
    if (!parse_date(admission.admitted_on)) throw input_error("the admission date must be a date such as 2026-04-01");
    if (!admission.cqc_rating.empty() && !commissioning::is_cqc_rating(admission.cqc_rating))
        throw input_error("the CQC rating is outstanding, good, requires improvement, inadequate or not yet rated, not '" + admission.cqc_rating + "'");
    store_->dps().admit(admission);
    audit(actor_, "dps_admitted", admission.provider, fmt::format("lot {}{}", admission.lot, admission.zone.empty() ? "" : ", zone " + admission.zone));
}

std::vector<std::string> Council::dps_advertise(const store::DpsRequest &request) {
    // Read first: it checks the spec is a request (a mapping), so looking up its bids cannot throw.
    commissioning::read_tender(request.spec, "request " + request.id); // its weights, questions and ceiling
    if (io::parse_yaml(request.spec, "request " + request.id)["bids"])
        throw input_error("request " + request.id + ": the spec has no bids: providers bid once it is advertised");
    if (!parse_date(request.advertised_on)) throw input_error("the advert's date must be a date such as 2026-05-01");
    auto eligible = dps_eligible(request.lot, request.zone);
    if (eligible.empty())
        throw input_error(fmt::format("no provider is admitted to lot '{}'{}: admit providers first", request.lot,
                                      request.zone.empty() ? "" : " in zone '" + request.zone + "'"));
    if (!store_->dps().add_request(request)) throw input_error("there is already a request '" + request.id + "'");
    audit(actor_, "dps_advertised", request.id, fmt::format("lot {}, {} providers", request.lot, eligible.size()));
    return eligible;
}

void Council::dps_bid(const store::DpsBid &bid) {
    const auto request = store_->dps().find_request(bid.request_id);
    if (!request) throw input_error("no request '" + bid.request_id + "'");
    if (request->status != "open") throw input_error("request " + bid.request_id + " is " + request->status + ": it takes no more bids");
    const auto eligible = dps_eligible(request->lot, request->zone);
    if (std::find(eligible.begin(), eligible.end(), bid.provider) == eligible.end())
        throw input_error(fmt::format("{} is not admitted to lot '{}'{}, so cannot bid", bid.provider, request->lot,
                                      request->zone.empty() ? "" : " in zone '" + request->zone + "'"));
    if (bid.price <= 0) throw input_error("a bid's price is more than £0");
    if (!parse_date(bid.submitted_on)) throw input_error("a bid's date must be a date such as 2026-05-06");
    commissioning::parse_answers(commissioning::read_tender(request->spec, "request " + request->id), bid.answers);
    store_->dps().put_bid(bid);
    audit(actor_, bid.withdrawn ? "dps_bid_withdrawn" : "dps_bid", bid.request_id, bid.provider);
}

commissioning::Evaluation Council::dps_award(const std::string &request_id, Date decided_on) {
    const auto request = store_->dps().find_request(request_id);
    if (!request) throw input_error("no request '" + request_id + "'");
    if (request->status != "open") throw input_error("request " + request_id + " was decided on " + request->decided_on);
    auto tender = commissioning::read_tender(request->spec, "request " + request_id);
    std::map<std::string, std::string> rating;
    for (const auto &a : store_->dps().admissions()) rating[a.provider] = a.cqc_rating;
    for (const auto &b : store_->dps().bids(request_id)) {
        // The rating at award: it scores where the request says so, and inadequate excludes.
        const auto &r = rating[b.provider];
        tender.bids.push_back({b.provider, b.price, commissioning::parse_answers(tender, b.answers), b.withdrawn, parse_date(b.submitted_on),
                               r.empty() ? "not yet rated" : r});
    }
    auto evaluation = commissioning::evaluate(tender);
    const auto advertised = parse_date(request->advertised_on);
    if (evaluation.award && advertised) evaluation.days_to_place = advertised->days_until(decided_on);
    const auto &winner = evaluation.award ? evaluation.bids[*evaluation.award] : commissioning::BidResult{};
    // An award that re-procures a person's package is a decision for delivery: the person's package
    // is expected to cost the awarded price from the award's date, against the case it delivers; it
    // realises when the ledger shows it. A new placement (no open package) has no saving to realise.
    std::optional<store::Review> delivered;
    if (evaluation.award && !request->person_id.empty()) {
        if (const auto funding = funding_now(request->person_id); funding.gross > 0) {
            store::Review r;
            r.person_id = request->person_id;
            r.lever = "dps_award:" + request_id;
            r.case_id = request->case_id;
            r.reviewer = r.recorded_by = actor_;
            r.assigned_on = r.due_on = r.decided_on = r.effective_from = decided_on.iso();
            r.outcome = "price_renegotiated";
            r.reason = fmt::format("DPS request {} awarded to {} at {} a week", request_id, winner.provider, format_pence(Money::from_pence(winner.price)));
            r.baseline = funding;
            r.expected_weekly = winner.price;
            delivered = std::move(r);
            evaluation.award_note += fmt::format("{}recorded for delivery{}: the package is expected to cost {} a week from {}, against {} now",
                                                 evaluation.award_note.empty() ? "" : "; ",
                                                 request->case_id.empty() ? "" : " against case " + request->case_id,
                                                 format_pence(Money::from_pence(winner.price)), decided_on.uk(),
                                                 format_pence(Money::from_pence(funding.gross)));
        }
    }
    store_->dps().decide(request_id, evaluation.award ? "awarded" : "no_award", decided_on.iso(), winner.provider,
                         evaluation.award ? std::optional(winner.price) : std::nullopt, delivered);
    audit(actor_, "dps_awarded", request_id,
          evaluation.award ? fmt::format("{} at {}", winner.provider, format_pence(Money::from_pence(winner.price))) : "no award: " + evaluation.award_note);
    return evaluation;
}

} // namespace ascent::app
