#include "app/accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>

#include "app/council.hpp"
#include "core/error.hpp"
#include "io/csv_writer.hpp"

namespace ascent::app {

namespace {

constexpr std::array<std::string_view, 4> k_role_names = {"viewer", "analyst", "finance", "admin"};

void start_sodium() {
    if (sodium_init() < 0) throw Error(ErrorKind::internal, "libsodium could not be initialised");
}

std::string hash_password(const std::string &password) {
    start_sodium();
    std::array<char, crypto_pwhash_argon2id_STRBYTES> out{};
    if (crypto_pwhash_argon2id_str(out.data(), password.data(), password.size(),
                                   crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                                   crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) != 0)
        throw Error(ErrorKind::internal, "not enough memory to hash the password");
    return out.data();
}

bool password_matches(const std::string &hash, const std::string &password) {
    start_sodium();
    return crypto_pwhash_argon2id_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Words that, with digits or punctuation after them, are the first guesses of anyone trying
// passwords (from the most common leaked passwords, and this project's own names).
constexpr std::array<std::string_view, 24> k_common = {
    "password", "passw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qazwsxedc", "letmein",
    "welcome", "iloveyou", "admin", "administrator", "changeme", "football", "monkey", "sunshine",
    "dragon", "master", "secret", "trustno1", "login", "council", "ascent", "abc"};
// Keyboard walks with digits, too long for the stem rule to see.
constexpr std::array<std::string_view, 6> k_walks = {"1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsxedcrfv", "zaq12wsxcde3", "q1w2e3r4t5y6", "1q2w3e4r5t6y7u8i"};

// The password rules (docs/security.md): long, not the name, not made of few characters, not a
// straight run such as "abcdefghijkl" or "123456789012", not only digits and punctuation, and not
// a common password, the name or a common word with only digits and punctuation after it.
void check_password(const std::string &name, const std::string &password) {
    if (password.size() < k_min_password_length)
        throw input_error("a password needs at least " + std::to_string(k_min_password_length) + " characters");
    const auto text = lower(password);
    if (text == lower(name)) throw input_error("a password must not be the user's name");
    if (std::set<char>(text.begin(), text.end()).size() < 5) throw input_error("a password needs at least 5 different characters");
    const auto step = text[1] - text[0];
    const bool run = (step == 1 || step == -1) &&
                     std::adjacent_find(text.begin(), text.end(), [&](char a, char b) { return b - a != step; }) == text.end();
    if (run) throw input_error("a password must not be a straight run of letters or digits");
    auto stem = std::string_view(text);
    while (!stem.empty() && std::isalpha(static_cast<unsigned char>(stem.back())) == 0) stem.remove_suffix(1);
    const auto listed = [](auto &list, std::string_view word) { return std::find(list.begin(), list.end(), word) != list.end(); };
    if (stem.empty()) throw input_error("a password needs letters, not only digits and punctuation");
    if (listed(k_common, stem) || stem == lower(name) || listed(k_walks, text))
        throw input_error("that password is among the first any attacker tries: choose a longer phrase of your own");
}

void check_name(const std::string &name) {
    const bool valid = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '@' || c == '-';
    });
    if (!valid) throw input_error("a user name is 1 to 64 letters, digits or . _ @ - (got '" + name + "')");
}

} // namespace

std::string random_token() {
    start_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return hex.data();
}

std::string generate_password() {
    start_sodium();
    constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 20; ++i) out += alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
    return out;
}

std::optional<Role> parse_role(std::string_view text) {
    for (std::size_t i = 0; i < k_role_names.size(); ++i)
        if (k_role_names[i] == text) return static_cast<Role>(i);
    return std::nullopt;
}

std::string_view to_string(Role role) { return k_role_names.at(static_cast<std::size_t>(role)); }

void Council::create_user(const std::string &name, const std::string &password, Role role, const std::string &by) {
    check_name(name);
    check_password(name, password);
    if (!store_->accounts().add_user({name, std::string(to_string(role)), hash_password(password), {}, false}))
        throw input_error("there is already a user called '" + name + "'");
    audit(by, "user_created", name, "role " + std::string(to_string(role)));
}

std::optional<SignedIn> Council::sign_in(const std::string &name, const std::string &password) {
    const auto user = store_->accounts().find_user(name);
    // An unknown name costs the same hash as a wrong password, so timing does not tell which it was.
    static const std::string k_decoy = hash_password("decoy password, never matched");
    const bool matches = password_matches(user ? user->password_hash : k_decoy, password) && user;
    if (!matches || user->disabled) {
        audit(user ? name : "-", "sign_in_failed", user ? name : "unknown user", user && matches ? "disabled" : "");
        return std::nullopt;
    }
    audit(name, "sign_in", name);
    return SignedIn{name, parse_role(user->role).value_or(Role::viewer)};
}

store::User Council::existing_user(const std::string &name) {
    auto user = store_->accounts().find_user(name);
    if (!user) throw input_error("there is no user called '" + name + "'");
    return *user;
}

// Refuses a change that would leave no enabled admin (nobody could then manage users from the API).
void Council::keep_an_admin(const store::User &before, const store::User &after) {
    const auto enabled_admin = [](const store::User &u) { return !u.disabled && u.role == to_string(Role::admin); };
    if (!enabled_admin(before) || enabled_admin(after)) return;
    const auto users = store_->accounts().users();
    if (std::count_if(users.begin(), users.end(), enabled_admin) <= 1)
        throw input_error("'" + before.name + "' is the last enabled admin: make another user admin first");
}

void Council::set_role(const std::string &name, Role role, const std::string &by) {
    auto user = existing_user(name);
    const auto before = user;
    user.role = to_string(role);
    keep_an_admin(before, user);
    store_->accounts().update_user(user);
    audit(by, "user_role_set", name, user.role);
}

void Council::set_disabled(const std::string &name, bool disabled, const std::string &by) {
    auto user = existing_user(name);
    const auto before = user;
    user.disabled = disabled;
    keep_an_admin(before, user);
    store_->accounts().update_user(user);
    audit(by, disabled ? "user_disabled" : "user_enabled", name);
}

void Council::set_password(const std::string &name, const std::string &password, const std::string &by) {
    auto user = existing_user(name);
    check_password(name, password);
    user.password_hash = hash_password(password);
    store_->accounts().update_user(user);
    audit(by, "password_set", name);
}

void Council::audit(const std::string &user, std::string_view action, std::string_view target, std::string_view detail) {
    store_->accounts().append_audit({0, {}, user, std::string(action), std::string(target), std::string(detail)});
}

std::string audit_csv(const std::vector<store::AuditEvent> &events) {
    std::string out = "id,at,user,action,target,detail\r\n";
    for (const auto &e : events) out += io::csv_line({std::to_string(e.id), e.at, e.user, e.action, e.target, e.detail});
    return out;
}

} // namespace ascent::app
