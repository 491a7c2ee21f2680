// newszone user add | list | disable | enable | unlock | reset-link: the people who sign in
// to the admin and the partner portal. The first admin is made here; later ones usually in
// the admin. Every change is written to the audit log with the actor "cli".
#include <CLI/CLI.hpp>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "admin/accounts.h"
#include "admin/password_reset.h"
#include "cli/audit_actor.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "core/rfc3339.h"

namespace nz::cli {

namespace {
struct UserFlags {
  std::string email;
  std::string role;
  std::string partner;
  bool password_stdin = false;
  int64_t id = 0;
};

void drop_line_end(std::string& line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

// One line typed on the terminal with echo off.
std::optional<std::string> read_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old_mode{};
  if (tcgetattr(STDIN_FILENO, &old_mode) != 0) return std::nullopt;
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  std::cerr << "\n";
  if (!got) return std::nullopt;
  drop_line_end(line);
  return line;
}

// The new user's password: the first line of stdin with --password-stdin, else asked twice
// on the terminal. Never from a flag, where it would land in the shell's history and `ps`.
Result<std::string> read_new_password(bool from_stdin) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return Error::InvalidInput("--password-stdin: nothing on stdin");
    }
    drop_line_end(line);
    return line;
  }
  if (!isatty(STDIN_FILENO)) {
    return Error::InvalidInput(
        "no password: pipe it in with --password-stdin, or run the command on a terminal");
  }
  auto first = read_hidden("Password (at least 12 characters): ");
  if (!first) return Error::InvalidInput("no password typed");
  auto second = read_hidden("The same password again: ");
  if (!second || *second != *first) {
    return Error::InvalidInput("the two passwords differ; nothing was changed");
  }
  return *first;
}

void set_disabled(Common& common, int64_t id, bool disabled) {
  core::SystemClock clock;
  auto store = open_store_or_report(common, clock);
  if (!store) return;
  auto changed = admin::set_user_disabled(*store, clock, id, disabled, cli_actor());
  if (!changed) return report(common, changed.error());
  std::cout << "user " << changed->id << " (" << changed->email << ") "
            << (disabled ? "disabled; their sessions have ended" : "enabled") << "\n";
}
}  // namespace

void add_user_command(CLI::App& app, Common& common) {
  auto* user = app.add_subcommand("user", "manage the people who sign in to the admin");
  auto flags = std::make_shared<UserFlags>();

  auto* add = user->add_subcommand("add", "add a user (the first admin is made this way)");
  add->add_option("--email", flags->email, "the login name")->required();
  add->add_option("--role", flags->role, "admin, editor or partner")
      ->required()
      ->check(CLI::IsMember({"admin", "editor", "partner"}));
  add->add_option("--partner", flags->partner, "for --role partner: the partner's slug or name");
  add->add_flag("--password-stdin", flags->password_stdin,
                "read the password from the first line of stdin instead of asking");
  add->callback([&common, flags] {
    auto password = read_new_password(flags->password_stdin);
    if (!password) return report(common, password.error());
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto added = admin::create_user(*store, clock,
                                    {.email = flags->email,
                                     .role = *model::parse_role(flags->role),
                                     .partner = flags->partner,
                                     .password = *password},
                                    cli_actor());
    if (!added) return report(common, added.error());
    std::cout << "user " << added->id << " (" << added->email << ", "
              << model::to_string(added->role) << ") added; sign in at /admin/login\n";
  });

  auto* list = user->add_subcommand("list", "list users (never their passwords)");
  list->callback([&common] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto partners = store->list_partners();
    if (!partners) return report(common, partners.error());
    auto users = store->list_users();
    if (!users) return report(common, users.error());
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : *users) {
      std::string partner = "-";
      for (const auto& p : *partners) {
        if (u.partner_id == p.id) partner = p.slug;
      }
      rows.push_back({std::to_string(u.id), u.email, std::string(model::to_string(u.role)),
                      partner, core::format_rfc3339(u.created),
                      u.disabled ? "disabled" : "active"});
    }
    print_table(std::cout, {"ID", "EMAIL", "ROLE", "PARTNER", "CREATED", "STATE"}, rows);
  });

  auto* disable = user->add_subcommand("disable", "stop a user signing in; ends their sessions");
  disable->add_option("id", flags->id, "the user's id (see `newszone user list`)")->required();
  disable->callback([&common, flags] { set_disabled(common, flags->id, true); });
  auto* enable = user->add_subcommand("enable", "let a disabled user sign in again");
  enable->add_option("id", flags->id, "the user's id (see `newszone user list`)")->required();
  enable->callback([&common, flags] { set_disabled(common, flags->id, false); });

  auto* reset = user->add_subcommand(
      "reset-link", "make a one-time link to set a new password (for an admin locked out)");
  reset->add_option("--email", flags->email, "the account's email")->required();
  reset->callback([&common, flags] {
    auto config = load_config_or_report(common);
    if (!config) return;
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto user = store->find_user_by_email(admin::normalize_email(flags->email));
    if (!user) {
      if (user.error().code != ErrorCode::kNotFound) return report(common, user.error());
      return report(common, Error::NotFound("no user \"" + flags->email +
                                            "\" (see `newszone user list`)"));
    }
    auto made = admin::create_reset_link(
        *store, clock, user->id, std::chrono::seconds(config->admin_reset_link_seconds),
        cli_actor());
    if (!made) return report(common, made.error());
    auto site = store->get_site();
    if (!site) return report(common, site.error());
    // The link alone on stdout, so that scripts can capture it; the advice on stderr.
    std::cout << site->base_url << admin::reset_path(made->token) << "\n";
    std::cerr << "reset link for " << made->user.email << " made; it works once, until "
              << core::format_rfc3339(made->stored.expires)
              << ", and ends any older link.\nWhoever holds it can set the password: give it "
                 "to the user over a channel you trust.\n";
  });

  auto* unlock = user->add_subcommand(
      "unlock", "forget an account's failed sign-ins, ending a lock before its time");
  unlock->add_option("--email", flags->email, "the account's email")->required();
  unlock->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    const std::string account = admin::normalize_email(flags->email);
    Status done = store->atomically([&]() -> Status {
      if (auto cleared = store->clear_login_failures(account); !cleared) return cleared;
      const admin::Actor actor = cli_actor();
      auto audited = store->append_audit({.at = clock.now(), .actor_kind = actor.kind,
                                          .actor_label = actor.label, .action = "user.unlock",
                                          .target = "account:" + account});
      if (!audited) return audited.error();
      return Ok();
    });
    if (!done) return report(common, done.error());
    std::cout << "failed sign-ins for " << account << " forgotten\n";
  });
}

}  // namespace nz::cli
