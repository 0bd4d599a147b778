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
                 "found 'user:***@host/db'");
  }
}

TEST(DatabaseUrl, RedactsThePassword) {
  EXPECT_EQ(redact_url("postgresql://u:secret@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(redact_url("postgresql://u@h/db"), "postgresql://u@h/db");
}

TEST(DatabaseUrl, RedactsEveryFormOfPassword) {
  // issue 12: a `?password=` parameter and keyword/value strings were printed whole
  EXPECT_EQ(redact_url("postgresql://u@h/db?password=secret&sslmode=require"),
            "postgresql://u@h/db?password=***&sslmode=require");
  EXPECT_EQ(redact_url("postgresql://u@h/db?sslmode=require&sslpassword=keypass"),
            "postgresql://u@h/db?sslmode=require&sslpassword=***");
  EXPECT_EQ(redact_url("postgresql://u@h/db?pass%77ord=secret"),
            "postgresql://u@h/db?pass%77ord=***");
  EXPECT_EQ(redact_url("postgresql://u:p@ss@h?password=x&passfile=/home/u/.pgpass"),
            "postgresql://u:***@h?password=***&passfile=/home/u/.pgpass");
  EXPECT_EQ(redact_url("host=db user=app password=secret sslpassword = 'key pass' dbname=x"),
            "host=db user=app password=*** sslpassword = *** dbname=x");
  EXPECT_EQ(redact_url("host=db password='unterminated"),
            "(a keyword/value connection string that does not parse)");
  EXPECT_EQ(redact_url("host=db secret"),
            "(a keyword/value connection string that does not parse)");
  EXPECT_EQ(redact_url("u:secret@h"), "u:***@h");
}

TEST(DatabaseUrl, ReadsKeywordValueStringsAsLibpqDoes) {
  EXPECT_EQ(
      to_libpq_url("host=db port=5433 dbname=app user=me password='it s' sslmode=require", kFromEnv)
          .url,
      "postgresql://?host=db&port=5433&dbname=app&user=me&password=it%20s&sslmode=require");
  EXPECT_EQ(to_libpq_url("host = /run/pg  dbname='my db' password='a\\'b c'", kFromEnv).url,
            "postgresql://?host=%2Frun%2Fpg&dbname=my%20db&password=a%27b%20c");
  try {
    to_libpq_url("host=db password=secret bogus=1", kFromEnv);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "DATABASE_URL: invalid connection option \"bogus\" in 'host=db password=*** "
                 "bogus=1'");
  }
  try {
    to_libpq_url("host=db password secret", kFromEnv);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "DATABASE_URL: missing \"=\" after \"password\" in a keyword/value connection "
                 "string (libpq reads key=value pairs)");
  }
}

TEST(DatabaseUrl, DescribesTheEndpoint) {
  EXPECT_EQ(describe_endpoint("postgresql://u@127.0.0.1:5999/db"), "host 127.0.0.1 port 5999");
  EXPECT_EQ(describe_endpoint("postgresql://u@db/x"), "host db port 5432");
  EXPECT_EQ(describe_endpoint("postgresql://u@/x?host=/run/sock&port=7"),
            "unix socket /run/sock (port 7)");
}

}  // namespace
}  // namespace asq
