#include "schema/json.h"

#include <gtest/gtest.h>

#include "diff/schema_builders.h"

namespace asq {
namespace {

TEST(SchemaJson, CarriesObjectsPartitionsAndRowLevelSecurity) {
  Schema schema = test::objects_schema();
  schema.objects[0].depends_on = {"TYPE public.mood"};
  schema.tables.push_back(test::table("child", {}));
  schema.tables.back().inherits = {{"audit", "parent"}};
  Schema read = schema_from_json(Json::parse(schema_to_json(schema).dump(), "s.json"), "s.json");
  EXPECT_EQ(read, schema);
  EXPECT_EQ(read.objects[0].depends_on, schema.objects[0].depends_on);
  EXPECT_EQ(read.tables[1].partition_of, schema.tables[1].partition_of);
}

TEST(SchemaJson, CarriesIdentitySequenceOptions) {
  Column id = test::col("id", "integer", false);
  id.identity = "always";
  id.identity_options = {-1, -1, -100, std::nullopt, 20, true, "t_seq"};
  Column plain = test::col("n", "bigint", false);
  plain.identity = "by default";
  Schema schema;
  schema.tables = {test::table("t", {id, plain})};
  Json json = schema_to_json(schema);
  Schema read = schema_from_json(Json::parse(json.dump(), "s.json"), "s.json");
  EXPECT_EQ(read, schema);
  EXPECT_EQ(json.dump().find("identity_options"), json.dump().rfind("identity_options"))
      << "a plain identity writes no options";
}

TEST(SchemaJson, ReadsAFormat1SnapshotAsOneWithoutObjects) {
  Schema read =
      schema_from_json(Json::parse(R"({"format": 1, "schemas": [], "extensions": [], "enums": [],
                      "sequences": [], "tables": []})",
                                   "old.json"),
                       "old.json");
  EXPECT_EQ(read, Schema{});
}

TEST(SchemaJson, NamesAnUnknownObjectKind) {
  Json json = schema_to_json(test::objects_schema());
  std::string text = json.dump();
  text.replace(text.find("\"policy\""), 8, "\"poster\"");
  try {
    schema_from_json(Json::parse(text, "s.json"), "s.json");
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(".objects[1].kind is not a kind of object: poster"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace asq
