#include "render/renderer.h"

#include <gtest/gtest.h>

#include <fstream>

namespace nz::render {
namespace {

class RendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nz_render_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(RendererTest, EscapesVariablesByDefault) {
  write("page.mustache", "<p>{{title}}</p>");
  auto renderer = Renderer::load(dir_);
  ASSERT_TRUE(renderer) << renderer.error().message;
  View view;
  view.set("title", "<script>alert('x')</script> & \"q\"");
  auto html = (*renderer)->render("page", view);
  ASSERT_TRUE(html);
  EXPECT_EQ(*html,
            "<p>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST_F(RendererTest, TripleBracesInsertRawHtml) {
  write("page.mustache", "<div>{{{body}}}</div>");
  auto renderer = Renderer::load(dir_);
  ASSERT_TRUE(renderer);
  View view;
  view.set("body", "<p>Hello <em>world</em></p>");
  EXPECT_EQ(*(*renderer)->render("page", view), "<div><p>Hello <em>world</em></p></div>");
}

TEST_F(RendererTest, RendersListsBooleansAndPartials) {
  write("_item.mustache", "<li>{{name}}</li>");
  write("page.mustache", "{{#show}}<ul>{{#items}}{{> _item}}{{/items}}</ul>{{/show}}"
                         "{{^items}}none{{/items}}");
  auto renderer = Renderer::load(dir_);
  ASSERT_TRUE(renderer);
  View items = View::list();
  items.push(View().set("name", "a&b")).push(View().set("name", "c"));
  View view;
  view.set("show", true).set("items", items);
  EXPECT_EQ(*(*renderer)->render("page", view), "<ul><li>a&amp;b</li><li>c</li></ul>");

  View empty;
  empty.set("show", false).set("items", View::list());
  EXPECT_EQ(*(*renderer)->render("page", empty), "none");
}

TEST_F(RendererTest, ViewKeysDoNotShadowPartialsOrViceVersa) {
  write("_header.mustache", "H");
  write("header.mustache", "{{> _header}}{{header}}");
  auto renderer = Renderer::load(dir_);
  ASSERT_TRUE(renderer);
  View view;
  view.set("header", "v");
  EXPECT_EQ(*(*renderer)->render("header", view), "Hv");
}

TEST_F(RendererTest, UnknownTemplateIsNotFound) {
  write("page.mustache", "x");
  auto renderer = Renderer::load(dir_);
  ASSERT_TRUE(renderer);
  auto html = (*renderer)->render("nope", View());
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, ErrorCode::kNotFound);
}

TEST_F(RendererTest, BrokenTemplateFailsAtLoadNamingTheFile) {
  write("broken.mustache", "{{#open}} never closed");
  auto renderer = Renderer::load(dir_);
  ASSERT_FALSE(renderer);
  EXPECT_EQ(renderer.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(renderer.error().message.find("broken.mustache"), std::string::npos);
}

TEST_F(RendererTest, MissingThemeFolderIsUnavailable) {
  auto renderer = Renderer::load(dir_ / "missing");
  ASSERT_FALSE(renderer);
  EXPECT_EQ(renderer.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace nz::render
