// newszone token create | list | revoke: API tokens of partners, and of editors and admins
// (issue 8). Creating and revoking go through admin/tokens.h, as the partner portal's and the
// admin's do, so each is in the audit log (actor "cli").
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "admin/tokens.h"
#include "cli/audit_actor.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "core/rfc3339.h"

namespace nz::cli {

namespace {
struct TokenFlags {
  std::string partner;
  std::string user;  // an editor's or admin's email
  std::string name = "API token";
  int64_t id = 0;
};

std::string when(const std::optional<core::Timestamp>& t) {
  return t ? core::format_rfc3339(*t) : "-";
}
}  // namespace

void add_token_command(CLI::App& app, Common& common) {
  auto* token = app.add_subcommand("token", "manage API tokens of partners and of editors");
  auto flags = std::make_shared<TokenFlags>();

  auto* create = token->add_subcommand(
      "create", "make a token for a partner or a user; it is printed once and only its hash is "
                "kept");
  auto* for_partner =
      create->add_option("--partner", flags->partner, "the partner's slug or name");
  auto* for_user = create->add_option(
      "--user", flags->user, "an editor's or admin's email: the token acts as that user");
  for_partner->excludes(for_user);
  create->add_option("--name", flags->name, "what the token is for, e.g. \"CMS production\"");
  create->callback([&common, flags] {
    if (flags->partner.empty() == flags->user.empty()) {
      return report(common, Error::InvalidInput("name the token's owner: --partner or --user"));
    }
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    if (!flags->user.empty()) {
      auto user = store->find_user_by_email(flags->user);
      if (!user) {
        return report(common, Error::NotFound("no user \"" + flags->user +
                                              "\" (see `newszone user list`)"));
      }
      // The admin's own function: the same checks, and the audit row in the same transaction.
      auto made = admin::create_user_token(*store, clock, user->id, flags->name, cli_actor());
      if (!made) return report(common, made.error());
      std::cout << made->token << "\n";
      std::cerr << "token " << made->stored.id << " for " << user->email
                << " created. It is shown only now.\nIt acts as " << user->email << " ("
                << model::to_string(user->role)
                << ") in the JSON API, sent as \"Authorization: Bearer TOKEN\"; see "
                   "/api/v1/openapi.json.\n";
      return;
    }
    auto partner = store->find_partner_by_name(flags->partner);
    if (!partner) {
      return report(common, Error::NotFound("no partner \"" + flags->partner +
                                            "\" (see `newszone partner list`)"));
    }
    // The portal's own function: the same checks, and the audit row in the same transaction.
    auto made = admin::create_partner_token(*store, clock, partner->id, flags->name,
                                            cli_actor());
    if (!made) return report(common, made.error());
    // The token alone on stdout, so that scripts can capture it; the advice on stderr.
    std::cout << made->token << "\n";
    std::cerr << "token " << made->stored.id << " for " << partner->name
              << " created. It is shown only now: give it to the partner over a secure "
                 "channel.\nThe partner sends it as \"Authorization: Bearer TOKEN\" to "
                 "POST /api/v1/zones/{zone}/articles.\n";
  });

  auto* list = token->add_subcommand("list", "list tokens (never the tokens themselves)");
  list->add_option("--partner", flags->partner, "only this partner's");
  list->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    std::optional<model::PartnerId> partner_id;
    if (!flags->partner.empty()) {
      auto partner = store->find_partner_by_name(flags->partner);
      if (!partner) return report(common, partner.error());
      partner_id = partner->id;
    }
    auto partners = store->list_partners();
    if (!partners) return report(common, partners.error());
    auto users = store->list_users();
    if (!users) return report(common, users.error());
    auto tokens = store->list_tokens(partner_id);
    if (!tokens) return report(common, tokens.error());
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : *tokens) {
      // The owner: a partner's slug, or a user's email.
      std::string owner = t.partner_id ? std::to_string(*t.partner_id)
                                       : "user " + std::to_string(t.user_id.value_or(0));
      for (const auto& p : *partners) {
        if (p.id == t.partner_id) owner = p.slug;
      }
      for (const auto& u : *users) {
        if (u.id == t.user_id) owner = u.email;
      }
      rows.push_back({std::to_string(t.id), owner, t.name, t.prefix,
                      core::format_rfc3339(t.created), when(t.last_used),
                      t.revoked ? "revoked " + core::format_rfc3339(*t.revoked) : "valid"});
    }
    print_table(std::cout, {"ID", "OWNER", "NAME", "TOKEN", "CREATED", "LAST USED", "STATUS"},
                rows);
  });

  auto* revoke = token->add_subcommand("revoke", "revoke a token at once");
  revoke->add_option("id", flags->id, "the token's id (see `newszone token list`)")->required();
  revoke->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto token = store->find_token(flags->id);
    if (!token) return report(common, token.error());
    auto revoked =
        token->partner_id
            ? admin::revoke_partner_token(*store, clock, *token->partner_id, flags->id,
                                          cli_actor())
            : admin::revoke_user_token(*store, clock, token->user_id.value_or(0), flags->id,
                                       cli_actor());
    if (!revoked) return report(common, revoked.error());
    std::cout << "token " << flags->id << " revoked\n";
  });
}

}  // namespace nz::cli
