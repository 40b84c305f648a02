#include "cli/account_commands.hpp"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <iostream>

#include "app/council.hpp"
#include "core/error.hpp"

namespace ascent::cli {

namespace {

app::Role role_named(const std::string &text) {
    const auto role = app::parse_role(text);
    if (!role) throw input_error("role '" + text + "' is not one of viewer, analyst, finance, admin");
    return *role;
}

// The first line of standard input; at a terminal, asked for twice without echoing it.
std::string read_password() {
    const bool terminal = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string first, second;
    if (terminal) std::cerr << "Password: ";
    std::getline(std::cin, first);
    if (terminal) {
        std::cerr << "\nAgain: ";
        std::getline(std::cin, second);
        std::cerr << "\n";
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        if (first != second) throw input_error("the two passwords differ");
    }
    return first;
}

} // namespace

AccountCommands::AccountCommands(CLI::App &app, const std::string &db) : db_(db) {
    auto *user = app.add_subcommand("user", "Users of `ascent serve`: add, list, change role, disable, set a password");
    user->require_subcommand(1);
    add_ = user->add_subcommand("add", "Add a user; the password is read from standard input (asked for at a terminal)");
    add_->add_option("name", name_, "User name")->required();
    add_->add_option("--role", role_name_, "viewer, analyst, finance or admin")->capture_default_str();
    add_->add_flag("--generate-password", generate_, "Make a random password and print it once");
    list_ = user->add_subcommand("list", "Every user with role and state");
    role_ = user->add_subcommand("role", "Change a user's role");
    role_->add_option("name", name_, "User name")->required();
    role_->add_option("role", role_name_, "viewer, analyst, finance or admin")->required();
    disable_ = user->add_subcommand("disable", "Stop a user signing in (their audit history stays)");
    disable_->add_option("name", name_, "User name")->required();
    enable_ = user->add_subcommand("enable", "Let a disabled user sign in again");
    enable_->add_option("name", name_, "User name")->required();
    password_ = user->add_subcommand("password", "Set a user's password (read from standard input)");
    password_->add_option("name", name_, "User name")->required();
    password_->add_flag("--generate-password", generate_, "Make a random password and print it once");
    audit_ = app.add_subcommand("audit", "The audit trail: sign-ins, person-level reads, exports, imports, changes");
    audit_->add_option("--after", after_, "Only events after this id");
    audit_->add_option("--limit", limit_, "Events to show")->capture_default_str();
    audit_->add_option("-o,--output", output_, "Write them as CSV to this file instead");
}

std::optional<int> AccountCommands::run() {
    const auto password = [&] { return generate_ ? app::generate_password() : read_password(); };
    const auto announce = [&](const std::string &pw) {
        if (generate_) std::cout << fmt::format("Password for {} (shown once; keep it safe): {}\n", name_, pw);
    };
    if (*add_) {
        app::Council council(db_);
        const auto pw = password();
        council.create_user(name_, pw, role_named(role_name_), council.actor());
        std::cout << fmt::format("Added {} ({})\n", name_, role_name_);
        announce(pw);
        return 0;
    }
    if (*password_) {
        app::Council council(db_);
        const auto pw = password();
        council.set_password(name_, pw, council.actor());
        std::cout << fmt::format("Password set for {}\n", name_);
        announce(pw);
        return 0;
    }
    if (*role_ || *disable_ || *enable_) {
        app::Council council(db_);
        if (*role_) council.set_role(name_, role_named(role_name_), council.actor());
        else council.set_disabled(name_, bool(*disable_), council.actor());
        std::cout << fmt::format("{}: {}\n", name_, *role_ ? "role " + role_name_ : *disable_ ? "disabled" : "enabled");
        return 0;
    }
    if (*list_) {
        app::Council council(db_);
        std::cout << fmt::format("{:<24} {:<8} {:<9} {}\n", "User", "Role", "State", "Created");
        for (const auto &u : council.users())
            std::cout << fmt::format("{:<24} {:<8} {:<9} {}\n", u.name, u.role, u.disabled ? "disabled" : "active", u.created_at);
        return 0;
    }
    if (*audit_) {
        app::Council council(db_);
        const auto events = council.audit_events(after_, limit_);
        if (!output_.empty()) {
            std::ofstream csv(output_, std::ios::binary);
            csv << app::audit_csv(events);
            csv.close();
            if (!csv) throw input_error(output_ + ": cannot write");
            council.audit(council.actor(), "export", "audit trail", count_of(events.size(), "event", "events"));
            std::cout << fmt::format("Wrote {} to {}\n", count_of(events.size(), "event", "events"), output_);
            return 0;
        }
        for (const auto &e : events)
            std::cout << fmt::format("{:>6} {} {:<20} {:<18} {:<24} {}\n", e.id, e.at, e.user, e.action, e.target, e.detail);
        return 0;
    }
    return std::nullopt;
}

} // namespace ascent::cli
