#include "config/database_url.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

const SourceLocation kFromEnv{"DATABASE_URL", 0, 0};

TEST(DatabaseUrl, KeepsAPlainPostgresqlUrl) {
  EXPECT_EQ(to_libpq_url("postgresql://u:p@db:5433/app", kFromEnv).url,
            "postgresql://u:p@db:5433/app");
}

TEST(DatabaseUrl, DropsTheDriverFromSqlalchemySchemes) {
  for (const char* scheme : {"postgresql+psycopg2", "postgresql+asyncpg", "postgresql+psycopg",
                             "postgresql+pg8000", "postgres"}) {
    EXPECT_EQ(to_libpq_url(std::string(scheme) + "://app@localhost/app", kFromEnv).url,
              "postgresql://app@localhost/app")
        << scheme;
  }
}

TEST(DatabaseUrl, TranslatesAsyncpgSslAndDropsDriverOnlyParameters) {
  LibpqUrl url = to_libpq_url(
      "postgresql+asyncpg://u@h/db?ssl=true&prepared_statement_cache_size=0&application_name=x",
      kFromEnv);
  EXPECT_EQ(url.url, "postgresql://u@h/db?sslmode=require&application_name=x");
  EXPECT_EQ(url.dropped, std::vector<std::string>{"prepared_statement_cache_size"});
}

TEST(DatabaseUrl, KeepsUnixSocketHostParameters) {
  EXPECT_EQ(
      to_libpq_url("postgresql+psycopg2://u@/db?host=/run/postgresql&port=5433", kFromEnv).url,
      "postgresql://u@/db?host=/run/postgresql&port=5433");
}

TEST(DatabaseUrl, RejectsOtherDatabasesNamingTheSource) {
  try {
    to_libpq_url("mysql+pymysql://u@h/db", {"squash.toml", 3, 7});
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "squash.toml:3:7: expected a PostgreSQL URL (postgresql://, "
                 "postgresql+psycopg2://, postgresql+asyncpg://, ...), found scheme "
                 "'mysql+pymysql'");
  }
}

TEST(DatabaseUrl, RejectsTextThatIsNoUrlWithoutShowingThePassword) {
  try {
    to_libpq_url("user:secret@host/db", kFromEnv);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "DATABASE_URL: expected a database URL such as postgresql://user@host/db, "
                 "found 'user:secret@host/db'");
  }
}

TEST(DatabaseUrl, RedactsThePassword) {
  EXPECT_EQ(redact_url("postgresql://u:secret@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(redact_url("postgresql://u@h/db"), "postgresql://u@h/db");
}

TEST(DatabaseUrl, DescribesTheEndpoint) {
  EXPECT_EQ(describe_endpoint("postgresql://u@127.0.0.1:5999/db"), "host 127.0.0.1 port 5999");
  EXPECT_EQ(describe_endpoint("postgresql://u@db/x"), "host db port 5432");
  EXPECT_EQ(describe_endpoint("postgresql://u@/x?host=/run/sock&port=7"),
            "unix socket /run/sock (port 7)");
}

}  // namespace
}  // namespace asq
