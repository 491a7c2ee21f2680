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
        return self.doc["components"]["schemas"][name]

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
                          "/api/v1/articles/{id}", "/api/v1/deliveries", "/api/v1/sources"})

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

    def test_unknown_api_paths_point_to_the_document(self):
        resp = self.server.get("/api/v1/nothing-here")
        self.assertEqual(resp.status, 404)
        self.assertIn("/api/v1/openapi.json", resp.json()["error"]["message"])
        self.assertIsNotNone(re.search(r"openapi", resp.text))


if __name__ == "__main__":
    unittest.main()
