#include "core/cohort.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/cohort_fields.hpp"
#include "core/error.hpp"
#include "core/summary.hpp"

namespace ascent {

using namespace cohort_detail;

namespace {

const Field *find_field(std::string_view words) {
    const auto key = normalise_key(words);
    for (const auto &f : cohort_field_table()) {
        if (normalise_key(f.name) == key) return &f;
        for (auto alias : f.aliases)
            if (normalise_key(alias) == key) return &f;
    }
    return nullptr;
}

std::string field_list() {
    std::string out;
    for (const auto &f : cohort_field_table()) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

// --- tokens -----------------------------------------------------------------------------------

enum class Tok { word, string, op, lparen, rparen, comma, end };

struct Token {
    Tok type;
    std::string text;
    std::size_t position; // 1-based character (byte) position
};

bool is_word_char(char c) {
    return !std::isspace(static_cast<unsigned char>(c)) && std::string_view("()<>=!,'\"").find(c) == std::string_view::npos;
}

std::vector<Token> tokenise(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        const std::size_t at = i + 1;
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '(' || c == ')' || c == ',') {
            out.push_back({c == '(' ? Tok::lparen : c == ')' ? Tok::rparen : Tok::comma, std::string(1, c), at});
            ++i;
        } else if (s.substr(i).starts_with("\xE2\x89\xA4") || s.substr(i).starts_with("\xE2\x89\xA5")) { // ≤ ≥
            out.push_back({Tok::op, s[i + 2] == '\xA4' ? "<=" : ">=", at});
            i += 3;
        } else if (c == '<' || c == '>' || c == '=' || c == '!') {
            const std::size_t length = i + 1 < s.size() && s[i + 1] == '=' ? 2 : 1;
            std::string op(s.substr(i, length));
            if (op == "!") throw input_error("cohort: character " + std::to_string(at) + ": '!' must be '!='");
            out.push_back({Tok::op, op == "==" ? "=" : op, at});
            i += length;
        } else if (c == '\'' || c == '"') {
            const auto close = s.find(c, i + 1);
            if (close == std::string_view::npos)
                throw input_error("cohort: character " + std::to_string(at) + ": the quoted text is not closed");
            out.push_back({Tok::string, std::string(s.substr(i + 1, close - i - 1)), at});
            i = close + 1;
        } else {
            std::size_t j = i;
            // A comma between digits belongs to a number ("£1,800").
            while (j < s.size() && (is_word_char(s[j]) || (s[j] == ',' && j > i && j + 1 < s.size() &&
                                                            std::isdigit(static_cast<unsigned char>(s[j - 1])) &&
                                                            std::isdigit(static_cast<unsigned char>(s[j + 1])))))
                ++j;
            out.push_back({Tok::word, std::string(s.substr(i, j - i)), at});
            i = j;
        }
    }
    out.push_back({Tok::end, "", s.size() + 1});
    return out;
}

bool is_keyword(const Token &t, std::string_view word) {
    return t.type == Tok::word && normalise_key(t.text) == word;
}

} // namespace

// --- syntax tree ------------------------------------------------------------------------------

struct CohortExpression::Node {
    enum class Type { all_of, any_of, negate, compare, member } type;
    std::vector<std::unique_ptr<Node>> children;
    const Field *field = nullptr;
    std::size_t field_index = 0;
    std::string op;                  // compare: = != < <= > >=
    std::vector<int64_t> numbers;    // literal(s) for numeric and categorical fields
    std::vector<std::string> texts;  // literal(s) for text fields, normalised

    // Whether one recorded value passes this comparison.
    bool test(int64_t x) const {
        if (field->kind == Kind::services) {
            const bool any = std::any_of(numbers.begin(), numbers.end(), [x](int64_t bit) { return (x >> bit) & 1; });
            return op == "!=" ? !any : any;
        }
        if (type == Type::member) return std::find(numbers.begin(), numbers.end(), x) != numbers.end();
        const int64_t y = numbers.front();
        if (op == "=") return x == y;
        if (op == "!=") return x != y;
        if (op == "<") return x < y;
        if (op == "<=") return x <= y;
        if (op == ">") return x > y;
        return x >= y;
    }

    // Sets out[p] to whether person p matches, for every person.
    void eval(const FactTable &table, std::vector<uint8_t> &out) const {
        switch (type) {
        case Type::all_of:
        case Type::any_of: {
            children[0]->eval(table, out);
            std::vector<uint8_t> next(out.size());
            for (std::size_t c = 1; c < children.size(); ++c) {
                children[c]->eval(table, next);
                for (std::size_t p = 0; p < out.size(); ++p) out[p] = type == Type::all_of ? (out[p] & next[p]) : (out[p] | next[p]);
            }
            return;
        }
        case Type::negate:
            children[0]->eval(table, out);
            for (auto &v : out) v ^= 1;
            return;
        case Type::member:
        case Type::compare: break;
        }
        const Column &column = table.column(field_index);
        if (field->kind == Kind::text) return eval_text(table, column, out);
        for (std::size_t p = 0; p < out.size(); ++p) out[p] = column[p] != k_unknown && test(column[p]);
    }

    std::string sql() const {
        const auto join = [&](std::string_view word) {
            std::string out = "(";
            for (std::size_t c = 0; c < children.size(); ++c) out += std::string(c ? word : "") + children[c]->sql();
            return out + ")";
        };
        switch (type) {
        case Type::all_of: return join(" AND ");
        case Type::any_of: return join(" OR ");
        case Type::negate: return "NOT " + children[0]->sql();
        case Type::member:
        case Type::compare: break;
        }
        if (field->kind == Kind::text) throw input_error("cohort: text fields such as '" + std::string(field->name) + "' have no SQL form");
        std::string column(field->name);
        std::replace(column.begin(), column.end(), ' ', '_');
        std::string test;
        if (field->kind == Kind::services) {
            for (auto bit : numbers) test += (test.empty() ? "" : " OR ") + fmt::format("(({} >> {}) & 1) = 1", column, bit);
            test = (op == "!=" ? "NOT (" : "(") + test + ")";
        } else if (type == Type::member) {
            for (auto v : numbers) test += (test.empty() ? "" : ", ") + std::to_string(v);
            test = column + " IN (" + test + ")";
        } else {
            test = fmt::format("{} {} {}", column, op == "!=" ? "<>" : op, numbers.front());
        }
        return "COALESCE(" + test + ", FALSE)"; // not recorded is false, as in eval()
    }

    // Text compares the recorded text, normalised; each distinct dictionary id is normalised once.
    void eval_text(const FactTable &table, const Column &column, std::vector<uint8_t> &out) const {
        std::unordered_map<int64_t, bool> matched;
        for (std::size_t p = 0; p < out.size(); ++p) {
            if (column[p] == k_unknown) {
                out[p] = 0;
                continue;
            }
            auto [it, added] = matched.try_emplace(column[p], false);
            if (added) {
                const auto key = normalise_key(table.ledger().text.at(static_cast<uint32_t>(column[p])));
                const bool any = std::find(texts.begin(), texts.end(), key) != texts.end();
                it->second = op == "!=" ? !any : any;
            }
            out[p] = it->second;
        }
    }
};

struct FactTable::Column {
    std::once_flag built;
    std::vector<int64_t> values;
};

FactTable::FactTable(const Ledger &ledger, const PersonFacts &facts)
    : ledger_(ledger), facts_(facts), columns_(std::make_unique<Column[]>(cohort_field_table().size())) {}
FactTable::~FactTable() = default;

const std::vector<int64_t> &FactTable::column(std::size_t field_index) const {
    auto &slot = columns_[field_index];
    std::call_once(slot.built, [&] { cohort_field_table()[field_index].build(ledger_, facts_, slot.values); });
    return slot.values;
}

namespace {

// How deep parentheses and 'not' may nest in one expression; deeper is an input error.
constexpr int k_max_cohort_depth = 100;

class Parser {
public:
    Parser(std::string_view text, std::vector<std::string> &used) : tokens_(tokenise(text)), used_(used) {}

    std::unique_ptr<CohortExpression::Node> parse() {
        if (peek().type == Tok::end) throw error(peek(), "the expression is empty; expected e.g. 'age >= 65'");
        auto node = any_of();
        if (peek().type != Tok::end) throw error(peek(), "expected 'and', 'or' or the end, found '" + peek().text + "'");
        return node;
    }

private:
    using Node = CohortExpression::Node;

    const Token &peek() const { return tokens_[pos_]; }
    const Token &take() { return tokens_[pos_++]; }
    static Error error(const Token &t, const std::string &message) {
        return input_error("cohort: character " + std::to_string(t.position) + ": " + message);
    }

    // next (keyword next)*: a list joined by 'and' or by 'or'.
    std::unique_ptr<Node> chain(Node::Type type, std::string_view keyword, std::unique_ptr<Node> (Parser::*next)()) {
        auto first = (this->*next)();
        if (!is_keyword(peek(), keyword)) return first;
        auto node = std::make_unique<Node>();
        node->type = type;
        node->children.push_back(std::move(first));
        while (is_keyword(peek(), keyword)) {
            take();
            node->children.push_back((this->*next)());
        }
        return node;
    }
    std::unique_ptr<Node> any_of() { return chain(Node::Type::any_of, "or", &Parser::all_of); }
    std::unique_ptr<Node> all_of() { return chain(Node::Type::all_of, "and", &Parser::factor); }

    // Parentheses and 'not' nest by recursion, so the depth is bounded: a hostile expression
    // ("((((…" 20,000 deep) is an error, not a stack overflow.
    std::unique_ptr<Node> factor() {
        if (is_keyword(peek(), "not") || peek().type == Tok::lparen) {
            if (depth_ == k_max_cohort_depth)
                throw error(peek(), "the expression is nested more than " + std::to_string(k_max_cohort_depth) +
                                        " deep (parentheses and 'not'); expected a simpler expression");
            ++depth_;
            auto node = nested();
            --depth_;
            return node;
        }
        return comparison();
    }
    // 'not' factor, or '(' any_of ')'.
    std::unique_ptr<Node> nested() {
        if (is_keyword(peek(), "not")) {
            take();
            auto node = std::make_unique<Node>();
            node->type = Node::Type::negate;
            node->children.push_back(factor());
            return node;
        }
        const Token open = take();
        auto inner = any_of();
        if (peek().type != Tok::rparen) throw error(open, "this '(' is not closed");
        take();
        return inner;
    }

    // Whether the next token ends a field name. "in" does only before a list, so that field names
    // such as "sleep in" read as written.
    bool ends_words() const {
        const Token &t = peek();
        if (is_keyword(t, "in")) return tokens_[pos_ + 1].type == Tok::lparen;
        return t.type != Tok::word || is_keyword(t, "and") || is_keyword(t, "or") || is_keyword(t, "is") || is_keyword(t, "not");
    }

    std::unique_ptr<Node> comparison() {
        const Token start = peek();
        std::string words;
        while (!ends_words()) words += (words.empty() ? "" : " ") + take().text;
        if (words.empty()) throw error(start, "expected a field name, found '" + start.text + "'; fields are: " + field_list());
        const Field *field = find_field(words);
        if (field == nullptr) throw error(start, "unknown field '" + words + "'; fields are: " + field_list());
        if (std::find(used_.begin(), used_.end(), field->name) == used_.end()) used_.emplace_back(field->name);

        auto node = std::make_unique<Node>();
        node->field = field;
        node->field_index = static_cast<std::size_t>(field - cohort_field_table().data());
        node->type = Node::Type::compare;
        bool negated = false;
        if (is_keyword(peek(), "is")) {
            take();
            node->op = "=";
            if (is_keyword(peek(), "not")) {
                take();
                node->op = "!=";
            }
        } else if (is_keyword(peek(), "not") && is_keyword(tokens_[pos_ + 1], "in")) {
            take();
            negated = true;
        }
        if (is_keyword(peek(), "in")) {
            take();
            node->type = field->kind == Kind::text ? Node::Type::compare : Node::Type::member;
            node->op = "=";
            if (peek().type != Tok::lparen) throw error(peek(), "expected '(' after 'in'");
            take();
            while (true) {
                literal(*node, field);
                if (peek().type == Tok::comma) {
                    take();
                    continue;
                }
                if (peek().type != Tok::rparen) throw error(peek(), "expected ',' or ')' in the list");
                take();
                break;
            }
        } else if (peek().type == Tok::op) {
            node->op = take().text;
            literal(*node, field);
        } else if (node->op.empty()) {
            if (field->kind != Kind::yes_no)
                throw error(peek(), "expected an operator (is, =, !=, <, <=, >, >=, in) after '" + words + "'");
            node->op = "=";
            node->numbers.push_back(1); // a yes/no field alone means "is yes"
        } else if (node->op == "!=" && !literal_fits(*node, field)) {
            // "chc is not assessed": a value that begins with "not" reads as that value.
            node->op = "=";
            literal(*node, field, "not");
        } else {
            literal(*node, field);
        }
        const bool ordered = node->op != "=" && node->op != "!=";
        if (ordered && field->kind != Kind::number && field->kind != Kind::money && field->kind != Kind::hundredths)
            throw error(start, "'" + std::string(field->name) + "' can only be compared with is, =, != or in");
        if (!negated) return node;
        auto negate = std::make_unique<Node>();
        negate->type = Node::Type::negate;
        negate->children.push_back(std::move(node));
        return negate;
    }

    // Whether the literal that follows is a value of `field` (the tokens are not consumed).
    bool literal_fits(Node &node, const Field *field) {
        const auto saved = pos_;
        bool fits = true;
        try {
            literal(node, field);
            if (field->kind == Kind::text) node.texts.pop_back();
            else node.numbers.pop_back();
        } catch (const Error &) {
            fits = false;
        }
        pos_ = saved;
        return fits;
    }

    // Reads one literal value for `field` into the node; `prefix` is a word already read.
    void literal(Node &node, const Field *field, std::string prefix = {}) {
        const Token start = peek();
        std::string text = std::move(prefix);
        if (peek().type == Tok::string) {
            text = take().text;
        } else {
            while (peek().type == Tok::word && !is_keyword(peek(), "and") && !is_keyword(peek(), "or"))
                text += (text.empty() ? "" : " ") + take().text;
        }
        if (text.empty()) throw error(start, "expected a value for '" + std::string(field->name) + "'");
        auto bad = [&](const std::string &expected) {
            return error(start, "'" + text + "' is not a value of '" + std::string(field->name) + "'; expected " + expected);
        };
        switch (field->kind) {
        case Kind::number: {
            auto r = parse_decimal(text, 0);
            if (!r) throw bad("a whole number");
            node.numbers.push_back(r->num);
            return;
        }
        case Kind::hundredths: {
            auto r = parse_decimal(text, 2);
            if (!r) throw bad("a number with up to two decimal places");
            node.numbers.push_back(r->num);
            return;
        }
        case Kind::money: {
            auto m = parse_money(text);
            if (!m) throw bad("an amount in pounds, e.g. 1800 or £1,800.00");
            node.numbers.push_back(m->pence());
            return;
        }
        case Kind::yes_no: {
            const auto key = normalise_key(text);
            if (key == "yes" || key == "true") node.numbers.push_back(1);
            else if (key == "no" || key == "false") node.numbers.push_back(0);
            else throw bad("yes or no");
            return;
        }
        case Kind::code: {
            static const std::vector<std::pair<std::string_view, Code>> k_shorthand = {
                {"ld", codes::psr_learning_disability}, {"mh", codes::psr_mental_health},
                {"dementia", codes::psr_memory_cognition}, {"memory", codes::psr_memory_cognition}};
            if (field->code == CodeField::support_reason)
                for (const auto &[word, code] : k_shorthand)
                    if (normalise_key(text) == word) {
                        node.numbers.push_back(code);
                        return;
                    }
            auto m = match_code(field->code, text);
            if (!m) throw bad("one of: " + expected_values(field->code, 20));
            node.numbers.push_back(m->code);
            return;
        }
        case Kind::setting: {
            for (int s = 0; s < static_cast<int>(Setting::other); ++s)
                if (normalise_key(to_string(static_cast<Setting>(s))).starts_with(normalise_key(text))) {
                    node.numbers.push_back(s);
                    return;
                }
            throw bad("nursing, residential, community, prison, short term or carer support");
        }
        case Kind::night: {
            const auto night = parse_night_support(text);
            if (!night || *night == NightSupport::not_recorded) throw bad("none, sleep in or waking");
            node.numbers.push_back(static_cast<int64_t>(*night)); // NightSupport and NightLevel share values
            return;
        }
        case Kind::services: {
            auto m = match_code(CodeField::service_component, text);
            if (!m || m->code >= 32) throw bad("a service component, one of: " + expected_values(CodeField::service_component, 30));
            node.numbers.push_back(m->code);
            return;
        }
        case Kind::s117: named(node, parse_s117(text), bad, "none, open or ended"); return;
        case Kind::chc: named(node, parse_chc(text), bad, "not assessed, checklist positive, not eligible, eligible or joint funded"); return;
        case Kind::benefit: named(node, parse_benefit(text), bad, "none, AA, PIP daily living or DLA care"); return;
        case Kind::benefit_rate: named(node, parse_benefit_rate(text), bad, "lowest, lower, standard, middle, higher, enhanced or highest"); return;
        case Kind::text: node.texts.push_back(normalise_key(text)); return;
        }
    }

    template <typename Enum, typename Bad>
    static void named(Node &node, std::optional<Enum> value, Bad &bad, const std::string &expected) {
        if (!value) throw bad(expected);
        node.numbers.push_back(static_cast<int64_t>(*value));
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::vector<std::string> &used_;
};

} // namespace

const std::vector<CohortField> &cohort_fields() {
    static const std::vector<CohortField> k_list = [] {
        std::vector<CohortField> out;
        for (const auto &f : cohort_field_table()) out.push_back({f.name, f.description});
        return out;
    }();
    return k_list;
}

CohortExpression::CohortExpression() = default;
CohortExpression::CohortExpression(CohortExpression &&) noexcept = default;
CohortExpression &CohortExpression::operator=(CohortExpression &&) noexcept = default;
CohortExpression::~CohortExpression() = default;

CohortExpression CohortExpression::parse(std::string_view text) {
    CohortExpression e;
    e.text_ = std::string(text);
    e.root_ = Parser(text, e.fields_used_).parse();
    return e;
}

std::vector<uint8_t> CohortExpression::select(const FactTable &table) const {
    std::vector<uint8_t> out(table.ledger().people.size());
    if (root_ && !out.empty()) root_->eval(table, out);
    return out;
}

const std::vector<std::string> &CohortExpression::fields_used() const { return fields_used_; }
const std::string &CohortExpression::text() const { return text_; }
std::string CohortExpression::to_sql() const { return root_ ? root_->sql() : "FALSE"; }

std::string cohort_value(const FactTable &table, uint32_t person, std::string_view name) {
    const Field *field = find_field(name);
    if (field == nullptr) return "";
    const int64_t x = table.column(static_cast<std::size_t>(field - cohort_field_table().data()))[person];
    if (x == k_unknown) return "not recorded";
    switch (field->kind) {
    case Kind::money: return format_pence(Money::from_pence(x));
    case Kind::hundredths: return fmt::format("{}.{:02}", x / 100, x % 100);
    case Kind::yes_no: return x != 0 ? "yes" : "no";
    case Kind::code: return std::string(code_label(field->code, static_cast<Code>(x)));
    case Kind::setting: return std::string(to_string(static_cast<Setting>(x)));
    case Kind::night: return std::string(to_string(static_cast<NightSupport>(x)));
    case Kind::services: {
        std::string out;
        for (Code c = 1; c < 32; ++c)
            if ((x >> c) & 1) out += (out.empty() ? "" : ", ") + std::string(code_label(CodeField::service_component, c));
        return out.empty() ? "none" : out;
    }
    case Kind::s117: return std::string(to_string(static_cast<S117Status>(x)));
    case Kind::chc: return std::string(to_string(static_cast<ChcStatus>(x)));
    case Kind::benefit: return std::string(to_string(static_cast<Benefit>(x)));
    case Kind::benefit_rate: return std::string(to_string(static_cast<BenefitRate>(x)));
    case Kind::text: return std::string(table.ledger().text.at(static_cast<uint32_t>(x)));
    case Kind::number: break;
    }
    return std::to_string(x);
}

} // namespace ascent
