#include "cli/schema_source.h"

#include <filesystem>

#include "common/errors.h"
#include "db/connection.h"
#include "introspect/introspect.h"
#include "schema/json.h"
#include "squash/files.h"

namespace asq {

IntrospectOptions introspect_options(const Config& config) {
  IntrospectOptions options;
  options.schemas = config.schemas;
  options.version_table_schema = config.version_table_schema;
  options.version_table = config.version_table;
  options.exclude_tables = config.exclude_tables;
  return options;
}

Schema load_schema_source(const CommandContext& context, const std::string& source) {
  if (source == "live") {
    if (context.config.database_url.empty()) {
      throw UsageError("`live` needs a database: pass --database-url or set DATABASE_URL");
    }
    auto connection = connect(context.config.database_url);
    return introspect(*connection, introspect_options(context.config)).schema;
  }
  if (source == "chain" || source.rfind("chain@", 0) == 0) {
    throw UsageError("`" + source + "` needs the chain replay, which this build does not have yet");
  }
  if (!std::filesystem::exists(source)) {
    throw UsageError("'" + source + "' is neither live, chain, chain@REV nor a snapshot file");
  }
  std::string text = read_whole_file(source);
  return schema_from_json(Json::parse(text, source), source);
}

}  // namespace asq
