#include <gtest/gtest.h>

#include <set>

#include "crypto/digest.h"
#include "crypto/token.h"

namespace nz::crypto {
namespace {

TEST(Sha256, MatchesTheStandardTestVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hmac, MatchesRfc4231TestCase2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha512_hex("Jefe", "what do ya want for nothing?"),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(ConstantTimeEqual, ComparesWholeStrings) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_EQ(random_hex(16).size(), 32u);
  EXPECT_NE(random_hex(16), random_hex(16));
}

TEST(Token, IsFreshEveryTimeAndHasTheDocumentedShape) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    NewToken t = make_token();
    EXPECT_TRUE(looks_like_token(t.token)) << t.token;
    EXPECT_TRUE(seen.insert(t.token).second);
    EXPECT_EQ(t.hash, token_hash(t.token));
    EXPECT_EQ(t.hash.size(), 64u);
    EXPECT_TRUE(t.token.starts_with(t.display.substr(0, 12)));
    EXPECT_EQ(t.display.find(t.token.substr(12)), std::string::npos);  // the rest stays secret
  }
}

TEST(Token, HashIsBlake2b256OfTheWholeToken) {
  // BLAKE2b-256 of "abc" (RFC 7693 test parameters, 32-byte output).
  EXPECT_EQ(token_hash("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_NE(token_hash("nzp_a"), token_hash("nzp_b"));
}

TEST(Token, JunkIsRecognisedBeforeAnyLookup) {
  std::string good = make_token().token;
  EXPECT_FALSE(looks_like_token(""));
  EXPECT_FALSE(looks_like_token("Bearer " + good));
  EXPECT_FALSE(looks_like_token(good.substr(0, good.size() - 1)));
  EXPECT_FALSE(looks_like_token(good + "A"));
  std::string bad = good;
  bad[10] = '\0';
  EXPECT_FALSE(looks_like_token(bad));
  bad[10] = '+';  // standard base64, not URL-safe
  EXPECT_FALSE(looks_like_token(bad));
  EXPECT_FALSE(looks_like_token("xyz_" + good.substr(4)));
}

}  // namespace
}  // namespace nz::crypto
