#include "config/url_check.h"

#include <gtest/gtest.h>

#include "config/database_url.h"

namespace asq {
namespace {

std::string url_error(const std::string& url) {
  try {
    SourceLocation where{"DATABASE_URL", 0, 0};
    check_libpq_url(to_libpq_url(url, where).url, where);
  } catch (const SourceError& error) {
    return error.what();
  }
  return "no error";
}

TEST(UrlCheck, AMalformedUrlIsAUsageErrorThatShowsNoPassword) {
  EXPECT_EQ(url_error("postgresql://u:secret@h:99999/db"),
            "DATABASE_URL: invalid database URL: port '99999' is not a number from 1 to 65535");
  EXPECT_EQ(url_error("postgresql://u@h/db?sslmode=bogus"),
            "DATABASE_URL: invalid database URL: sslmode 'bogus' is not one of disable, allow, "
            "prefer, require, verify-ca, verify-full");
  EXPECT_EQ(url_error("postgresql+asyncpg://u@h/db?ssl=bogus"),
            "DATABASE_URL: invalid database URL: sslmode 'bogus' is not one of disable, allow, "
            "prefer, require, verify-ca, verify-full");
  EXPECT_EQ(url_error("postgresql://u:se%zzcret@h/db"),
            "DATABASE_URL: invalid database URL: invalid percent-encoded token");
  EXPECT_EQ(url_error("postgresql://u:secret@[::1/db"),
            "DATABASE_URL: invalid database URL: end of string reached when looking for matching "
            "\"]\" in IPv6 host address in URI");
  EXPECT_EQ(url_error("postgresql://h/db?connect_timeout=soon"),
            "DATABASE_URL: invalid database URL: connect_timeout 'soon' is not a number of "
            "seconds");
  EXPECT_EQ(url_error("postgresql://h1:5432,h2:0/db"),
            "DATABASE_URL: invalid database URL: port '0' is not a number from 1 to 65535");
}

TEST(UrlCheck, WellFormedUrlsPass) {
  for (const char* url :
       {"postgresql://u:p%40ss@h:5433/db?sslmode=verify-full", "postgresql://[::1]:5432/db",
        "postgresql:///db?host=/run/postgresql", "postgresql://h1:5432,h2/db",
        "postgresql://h/db?target_session_attrs=read-write&connect_timeout=3"}) {
    EXPECT_EQ(url_error(url), "no error") << url;
  }
}

TEST(UrlCheck, ConnectingHasADefaultTimeoutUnlessTheUrlSetsOne) {
  EXPECT_EQ(with_default_connect_timeout("postgresql://h/db", 10),
            "postgresql://h/db?connect_timeout=10");
  EXPECT_EQ(with_default_connect_timeout("postgresql://h/db?sslmode=require", 10),
            "postgresql://h/db?sslmode=require&connect_timeout=10");
  EXPECT_EQ(with_default_connect_timeout("postgresql://h/db?connect_timeout=3", 10),
            "postgresql://h/db?connect_timeout=3");
  EXPECT_EQ(with_default_connect_timeout("host=h dbname=db", 10),
            "host=h dbname=db connect_timeout=10");
}

}  // namespace
}  // namespace asq
