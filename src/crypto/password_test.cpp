#include "crypto/password.h"

#include <gtest/gtest.h>

namespace nz::crypto {
namespace {

const PasswordLimits kFast = PasswordLimits::minimal();

TEST(HashPassword, MakesAnArgon2idHashThatVerifiesOnlyTheSamePassword) {
  auto hash = hash_password("correct horse battery", kFast);
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(HashPassword, SaltsEachHash) {
  EXPECT_NE(*hash_password("correct horse battery", kFast),
            *hash_password("correct horse battery", kFast));
}

TEST(HashPassword, InteractiveLimitsAreLibsodiumsInteractiveArgon2id) {
  auto hash = hash_password("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
}

TEST(VerifyPassword, RefusesMalformedHashes) {
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "anything at all"));
  EXPECT_FALSE(verify_password(std::string(500, 'x'), "anything at all"));
}

TEST(CheckPasswordStrength, NeedsTwelveCharactersCountedAsPeopleCountThem) {
  EXPECT_FALSE(check_password_strength("elevenchars", "a@x.org"));
  EXPECT_TRUE(check_password_strength("twelve chars", "a@x.org"));
  // Twelve letters of two bytes each: twelve characters, not twenty-four.
  EXPECT_TRUE(check_password_strength("ääööääööääöö", "a@x.org"));
  EXPECT_FALSE(check_password_strength("äääööö", "a@x.org"));  // 12 bytes, 6 characters
  auto refused = check_password_strength("short", "a@x.org");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().message.find("at least 12"), std::string::npos);
}

TEST(CheckPasswordStrength, RefusesRepeatsTheEmailAndHugeOnes) {
  EXPECT_FALSE(check_password_strength("aaaaaaaaaaaaaaaa", "a@x.org"));
  EXPECT_FALSE(check_password_strength("Editor@Example.org", "editor@example.org"));
  EXPECT_FALSE(check_password_strength(std::string(2000, 'x') + "y", "a@x.org"));
}

TEST(SessionSecret, IsRandomAndOnlyItsHashIsKept) {
  NewSecret a = make_session_secret();
  NewSecret b = make_session_secret();
  EXPECT_NE(a.value, b.value);
  EXPECT_TRUE(looks_like_session_secret(a.value));
  EXPECT_EQ(a.hash, secret_hash(a.value));
  EXPECT_EQ(a.hash.size(), 64u);
  EXPECT_EQ(a.hash.find(a.value), std::string::npos);
  EXPECT_FALSE(looks_like_session_secret("short"));
  EXPECT_FALSE(looks_like_session_secret(std::string(43, '!')));
  EXPECT_NE(random_urlsafe(), random_urlsafe());
}

}  // namespace
}  // namespace nz::crypto
