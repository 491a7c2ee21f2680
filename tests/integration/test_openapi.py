"""GET /api/v1/openapi.json (issue 8): the JSON API described in OpenAPI 3.1. Every documented
operation must be routed, every reference must resolve, and real answers must carry exactly
the fields the document promises."""

import json
import os
import re
import tempfile
import unittest

from nzserver import NzServer, run_cli, wait_until


def resolve(document, ref):
    assert ref.startswith("#/"), ref
    node = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


class OpenApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="nz-openapi-")
        cls.data = os.path.join(cls.tmp.name, "data")
        with NzServer(data_dir=cls.data, demo=True):
            pass
        code, out, err = run_cli(["token", "create", "--partner", "peoples-daily-online"],
                                 data_dir=cls.data)
        assert code == 0, err
        cls.token = out.strip()
        code, _, err = run_cli(["zone", "set", "china-news-zone", "--moderation",
                                "hold-for-review"], data_dir=cls.data)
        assert code == 0, err
        code, _, err = run_cli(["user", "add", "--email", "editor@example.org", "--role",
                                "editor", "--password-stdin"], data_dir=cls.data,
                               input="an editor's long password\n")
        assert code == 0, err
        code, out, err = run_cli(["token", "create", "--user", "editor@example.org"],
                                 data_dir=cls.data)
        assert code == 0, err
        cls.editor_token = out.strip()
        cls.server = NzServer(data_dir=cls.data, env={"NEWSZONE_POLLER": "false"})
        cls.server.start()
        resp = cls.server.get("/api/v1/openapi.json")
        assert resp.status == 200, resp.status
        cls.doc = resp.json()
        cls.content_type = resp.header("Content-Type")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    def schema(self, name):
        """A schema by name, or by a path below one ("Error/properties/error")."""
        node = self.doc["components"]["schemas"]
        for part in name.split("/"):
            node = node[part]
        return node

    def assert_matches(self, value, schema_name):
        """The object has every required field and no field the schema does not name."""
        schema = self.schema(schema_name)
        keys = set(value)
        self.assertLessEqual(set(schema.get("required", [])), keys, schema_name)
        self.assertLessEqual(keys, set(schema["properties"]), schema_name)

    def test_the_document_is_openapi_3_1_and_every_reference_resolves(self):
        self.assertTrue(self.content_type.startswith("application/json"))
        self.assertEqual(self.doc["openapi"], "3.1.0")
        self.assertEqual(self.doc["info"]["title"], "newszone API")
        for ref in refs(self.doc):
            self.assertIsNotNone(resolve(self.doc, ref), ref)
        self.assertEqual(set(self.doc["paths"]),
                         {"/api/v1/zones/{zone}/articles", "/api/v1/search",
                          "/api/v1/openapi.json", "/api/v1/zones", "/api/v1/articles",
                          "/api/v1/articles/{id}", "/api/v1/deliveries", "/api/v1/sources",
                          # The editors' operations, for editors' and admins' tokens.
                          "/api/v1/queue", "/api/v1/articles/{id}/approve",
                          "/api/v1/articles/{id}/reject", "/api/v1/articles/{id}/withdraw",
                          "/api/v1/articles/{id}/restore", "/api/v1/sections",
                          "/api/v1/sections/{id}", "/api/v1/partners", "/api/v1/partners/{id}",
                          "/api/v1/sources/{id}"})
        # Every editors' operation names the user token and documents the partner's 403.
        for path, operations in self.doc["paths"].items():
            for method, operation in operations.items():
                if operation.get("security") == [{"userToken": []}]:
                    self.assertIn("403", operation["responses"], f"{method} {path}")
                    self.assertIn("401", operation["responses"], f"{method} {path}")

    def test_every_documented_operation_is_routed(self):
        for path, operations in self.doc["paths"].items():
            concrete = path.replace("{zone}", "china-news-zone").replace("{id}", "1")
            for method in operations:
                resp = self.server.request(method.upper(), concrete,
                                           headers={"Content-Type": "application/json"},
                                           body="{}" if method == "post" else None)
                self.assertNotIn(resp.status, (404, 405), f"{method} {path}")
                self.assertIn(str(resp.status), operations[method]["responses"],
                              f"{method} {path} answered an undocumented {resp.status}")

    def test_a_real_push_report_has_the_documented_fields(self):
        item = {"uri": "urn:openapi:1", "headline": "Ferry timetable published",
                "body_html": "<p>Timetable.</p>", "versioncreated": "2026-11-27T08:00:00Z"}
        resp = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + self.token},
            body=json.dumps(item))
        self.assertEqual(resp.status, 201, resp.text)
        post = self.doc["paths"]["/api/v1/zones/{zone}/articles"]["post"]
        self.assertIn("201", post["responses"])
        report = resp.json()
        self.assert_matches(report, "PushReport")
        for pushed in report["items"]:
            self.assert_matches(pushed, "PushItem")
            self.assertIn(pushed["status"], self.schema("PushItem")["properties"]["status"]["enum"])
        denied = self.server.request("POST", "/api/v1/zones/china-news-zone/articles",
                                     headers={"Content-Type": "application/json"}, body="{}")
        self.assertEqual(denied.status, 401)
        self.assert_matches(denied.json(), "Error")

    def test_a_real_search_answer_has_the_documented_fields(self):
        # The index follows the store within a second of the start.
        resp = wait_until(lambda: (lambda r: r if r.status == 200 and r.json()["results"]
                                   else None)(self.server.get("/api/v1/search?q=china")),
                          timeout=15)
        self.assertIsNotNone(resp, "search never answered with results")
        body = resp.json()
        self.assert_matches(body, "SearchResponse")
        self.assertTrue(body["results"], "the demo site has China stories")
        for result in body["results"]:
            self.assert_matches(result, "SearchResult")
            self.assertRegex(result["published"], r"^\d{4}-\d\d-\d\dT")
        parameters = {p["name"] for p in
                      self.doc["paths"]["/api/v1/search"]["get"]["parameters"]}
        self.assertEqual(parameters, {"q", "section", "topic", "from", "to", "page"})

    def read(self, path, token=None):
        """GET with the token; the answer's status must be documented for the operation."""
        resp = self.server.get(path, headers={"Authorization": "Bearer " + (token or self.token)})
        template = re.sub(r"/articles/[^/?]+$", "/articles/{id}", path.split("?")[0])
        responses = self.doc["paths"][template]["get"]["responses"]
        self.assertIn(str(resp.status), responses, f"{path} answered {resp.status}")
        return resp

    def test_the_read_operations_answer_with_the_documented_fields(self):
        pushed = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + self.token},
            body=json.dumps({"uri": "urn:openapi:read", "headline": "Read back",
                             "body_html": "<p>Text.</p>",
                             "versioncreated": "2026-11-27T09:00:00Z"}))
        self.assertIn(pushed.status, (200, 201), pushed.text)
        article_id = pushed.json()["items"][0]["id"]

        zones = self.read("/api/v1/zones").json()
        self.assert_matches(zones, "ZoneList")
        self.assertTrue(zones["zones"])
        for zone in zones["zones"]:
            self.assert_matches(zone, "Zone")

        articles = self.read("/api/v1/articles?per_page=5").json()
        self.assert_matches(articles, "ArticleList")
        self.assertTrue(articles["articles"])
        statuses = self.schema("ArticleSummary")["properties"]["status"]["enum"]
        for article in articles["articles"]:
            self.assert_matches(article, "ArticleSummary")
            self.assertIn(article["status"], statuses)

        article = self.read(f"/api/v1/articles/{article_id}").json()
        self.assert_matches(article, "Article")
        for version in article["versions"]:
            self.assert_matches(version, "ArticleVersion")

        deliveries = self.read("/api/v1/deliveries").json()
        self.assert_matches(deliveries, "DeliveryList")
        self.assertTrue(deliveries["deliveries"])
        for delivery in deliveries["deliveries"]:
            self.assert_matches(delivery, "Delivery")
            self.assertIn(delivery["way"], self.schema("Delivery")["properties"]["way"]["enum"])

        sources = self.read("/api/v1/sources").json()
        self.assert_matches(sources, "SourceList")

        # The refusals are documented too, in the error shape.
        for path, status in (("/api/v1/articles?status=bogus", 400),
                             ("/api/v1/articles?per_page=500", 400),
                             ("/api/v1/deliveries?page=0", 400),
                             ("/api/v1/articles/999999", 404),
                             ("/api/v1/sources?zone=nowhere", 404)):
            resp = self.read(path)
            self.assertEqual(resp.status, status, path)
            self.assert_matches(resp.json(), "Error")
        params = {p.get("name") or p["$ref"].rsplit("/", 1)[-1] for p in
                  self.doc["paths"]["/api/v1/articles"]["get"]["parameters"]}
        self.assertEqual(params, {"zone", "status", "page", "per_page"})

    def editor(self, method, path, body=None, token=None):
        """An editors' operation; its status must be documented for it."""
        headers = {"Authorization": "Bearer " + (token or self.editor_token)}
        if body is not None:
            headers["Content-Type"] = "application/json"
        resp = self.server.request(method, path, headers=headers,
                                   body=json.dumps(body) if body is not None else None)
        template = re.sub(r"/(articles|sections|partners|sources)/\d+", r"/\1/{id}", path)
        template = template.split("?")[0]
        operation = self.doc["paths"][template][method.lower()]
        self.assertIn(str(resp.status), operation["responses"],
                      f"{method} {path} answered an undocumented {resp.status}: {resp.text}")
        return resp

    def test_the_editors_operations_answer_with_the_documented_fields(self):
        pushed = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + self.token},
            body=json.dumps({"uri": "urn:openapi:held", "headline": "Held for review",
                             "body_html": "<p>Text.</p>",
                             "versioncreated": "2026-11-27T10:00:00Z"}))
        self.assertEqual(pushed.status, 201, pushed.text)
        article_id = pushed.json()["items"][0]["id"]

        queue = self.editor("GET", "/api/v1/queue").json()
        self.assert_matches(queue, "ArticleList")
        self.assertIn(article_id, [a["id"] for a in queue["articles"]])
        for article in queue["articles"]:
            self.assert_matches(article, "ArticleSummary")
        for method, path, body in (
                ("PATCH", f"/api/v1/articles/{article_id}", {"headline": "Held, corrected"}),
                ("POST", f"/api/v1/articles/{article_id}/approve", None),
                ("POST", f"/api/v1/articles/{article_id}/withdraw", {"reason": "Legal."}),
                ("POST", f"/api/v1/articles/{article_id}/restore", None)):
            resp = self.editor(method, path, body)
            self.assertEqual(resp.status, 200, (path, resp.text))
            self.assert_matches(resp.json(), "Article")
            self.assertIn(resp.json()["state"],
                          self.schema("Article")["properties"]["state"]["enum"])
        rejected = self.server.request(
            "POST", "/api/v1/zones/china-news-zone/articles",
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + self.token},
            body=json.dumps({"uri": "urn:openapi:rejected", "headline": "Rejected",
                             "body_html": "<p>Text.</p>",
                             "versioncreated": "2026-11-27T10:00:00Z"})).json()["items"][0]["id"]
        resp = self.editor("POST", f"/api/v1/articles/{rejected}/reject", {"reason": "No."})
        self.assert_matches(resp.json(), "Article")
        self.assertEqual(resp.json()["state"], "rejected")

        sections = self.editor("GET", "/api/v1/sections").json()
        self.assert_matches(sections, "SectionList")
        for section in sections["sections"]:
            self.assert_matches(section, "Section")
        made = self.editor("POST", "/api/v1/sections",
                           {"kind": "section", "slug": "openapi-desk", "title": "Desk"})
        self.assertEqual(made.status, 201, made.text)
        self.assert_matches(made.json(), "Section")
        section_id = made.json()["id"]
        self.assert_matches(self.editor("GET", f"/api/v1/sections/{section_id}").json(),
                            "Section")
        self.assert_matches(self.editor("PATCH", f"/api/v1/sections/{section_id}",
                                        {"description": "Ours."}).json(), "Section")
        self.assertEqual(set(self.schema("SectionInput")["properties"]) | {"id", "url"},
                         set(self.schema("Section")["properties"]) | {"topic_name"})

        partners = self.editor("GET", "/api/v1/partners").json()
        self.assert_matches(partners, "PartnerList")
        partner = self.editor("POST", "/api/v1/partners", {"slug": "openapi-wire",
                                                           "name": "OpenAPI Wire"})
        self.assertEqual(partner.status, 201, partner.text)
        self.assert_matches(partner.json(), "Partner")
        self.assert_matches(self.editor("PATCH", f"/api/v1/partners/{partner.json()['id']}",
                                        {"url": "https://wire.example/"}).json(), "Partner")

        source = self.editor("POST", "/api/v1/sources",
                             {"zone": "china-news-zone", "url": "https://openapi.example/f.xml"})
        self.assertEqual(source.status, 201, source.text)
        self.assert_matches(source.json(), "Source")
        self.assert_matches(self.editor("PATCH", f"/api/v1/sources/{source.json()['id']}",
                                        {"enabled": False}).json(), "Source")

        # The refusals are documented too, in the error shape; a bad field is named.
        for method, path, body, status in (
                ("PATCH", f"/api/v1/sections/{section_id}", {"moderation": "never"}, 400),
                ("POST", "/api/v1/sections", {"kind": "section", "slug": "openapi-desk",
                                              "title": "Again"}, 409),
                ("PATCH", "/api/v1/partners/999999", {"name": "Nobody"}, 404),
                ("POST", f"/api/v1/articles/{article_id}/approve", None, 409),
                ("PATCH", f"/api/v1/articles/{article_id}", {"colour": "red"}, 400),
                ("PATCH", f"/api/v1/articles/{article_id}", {"headline": "x" * 70000}, 413)):
            resp = self.editor(method, path, body)
            self.assertEqual(resp.status, status, (method, path, resp.text))
            self.assert_matches(resp.json(), "Error")
            self.assert_matches(resp.json()["error"], "Error/properties/error")
        self.assertEqual(self.editor("PATCH", f"/api/v1/articles/{article_id}",
                                     {"colour": "red"}).json()["error"]["field"], "colour")
        # A partner's token: 403, documented for each.
        for method, path in (("GET", "/api/v1/queue"), ("GET", "/api/v1/sections"),
                             ("POST", f"/api/v1/articles/{article_id}/withdraw")):
            resp = self.editor(method, path, {"reason": "x"} if method == "POST" else None,
                               token=self.token)
            self.assertEqual(resp.status, 403)
            self.assert_matches(resp.json(), "Error")

    def test_unknown_api_paths_point_to_the_document(self):
        resp = self.server.get("/api/v1/nothing-here")
        self.assertEqual(resp.status, 404)
        self.assertIn("/api/v1/openapi.json", resp.json()["error"]["message"])
        self.assertIsNotNone(re.search(r"openapi", resp.text))


if __name__ == "__main__":
    unittest.main()
