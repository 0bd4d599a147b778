#include "cli/schema_source.h"

#include <filesystem>

#include "common/errors.h"
#include "db/connection.h"
#include "introspect/introspect.h"
#include "schema/json.h"
#include "squash/files.h"
#include "squash/stages.h"

namespace asq {

Schema load_schema_source(const CommandContext& context, const std::string& source,
                          std::vector<std::string>* left_out_schemas) {
  if (source == "live") {
    if (context.config.database_url.empty()) {
      throw UsageError("`live` needs a database: pass --database-url or set DATABASE_URL");
    }
    auto connection = connect(context.config.database_url);
    return introspect(*connection, introspect_options_of(context.config)).schema;
  }
  if (source == "chain" || source.rfind("chain@", 0) == 0) {
    LoadedHistory loaded = load_history(context, true);
    report_load_faults(context, loaded);
    std::vector<int> order = upgrade_order(loaded.graph);
    if (source != "chain") {
      Resolution target = loaded.graph.resolve(source.substr(6));
      if (!target.ok()) throw UsageError(source + ": " + target.error);
      std::vector<bool> wanted(loaded.graph.revisions().size(), false);
      for (const auto& id : target.ids) {
        std::vector<bool> below = loaded.graph.ancestors(loaded.graph.index_of(id));
        for (size_t i = 0; i < below.size(); ++i) wanted[i] = wanted[i] || below[i];
      }
      std::erase_if(order, [&](int index) { return !wanted[index]; });
    }
    OldChainReplay chain = replay_old_chain(context.config, loaded.graph, order,
                                            source == "chain" ? "heads" : source.substr(6));
    bool tell = chain.engine.engine == ReplayEngine::kAlembic || context.invocation.verbosity > 0;
    if (tell && context.invocation.verbosity >= 0 && !context.invocation.json) {
      context.err << source << ": " << describe_choice(chain.engine, [&](const std::string& path) {
        return context.display(path);
      }) << "\n";
    }
    const std::string& naming = reader_setup(context.config).warning;
    if (chain.engine.engine == ReplayEngine::kBuiltin && context.invocation.verbosity >= 0) {
      if (!naming.empty()) context.err << "warning: " << naming << "\n";
      // The schema may differ from Alembic's where these are (the choice above points here).
      for (const auto& warning : unmodelled_warnings(chain.revisions))
        context.err << "warning: " << warning << "\n";
    }
    if (left_out_schemas) {
      *left_out_schemas = chain.left_out_schemas;
    } else if (!chain.left_out_schemas.empty() && context.invocation.verbosity >= 0) {
      context.err << "warning: the chain also makes objects in "
                  << left_out_schemas_named(chain.left_out_schemas)
                  << ", which [squash] schemas leaves out of this schema (and a squash would "
                     "refuse)\n";
    }
    return std::move(chain.schema);
  }
  if (!std::filesystem::exists(source)) {
    throw UsageError("'" + source + "' is neither live, chain, chain@REV nor a snapshot file");
  }
  std::string text = read_whole_file(source);
  return schema_from_json(Json::parse(text, source), source);
}

std::vector<std::string> live_unsupported_objects(const CommandContext& context) {
  if (context.config.database_url.empty()) {
    throw UsageError("verify needs the live database: pass --database-url or set DATABASE_URL");
  }
  auto connection = connect(context.config.database_url);
  return introspect(*connection, introspect_options_of(context.config)).unsupported;
}

}  // namespace asq
