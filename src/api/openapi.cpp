// GET /api/v1/openapi.json: the JSON API described in OpenAPI 3.1, kept beside the code it
// describes. tests/integration/test_openapi.py checks that every documented operation is
// routed and that real answers carry the documented fields.
#include "api/api.h"

namespace nz::api {
namespace {

constexpr std::string_view kOpenApi = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "newszone API",
    "version": "1",
    "description": "Partners push articles into their zones with a bearer token and read back, with the same token, their zones, articles (every status and version), delivery log and sources; anyone may search the published articles. Errors are JSON: {\"error\": {\"status\": N, \"message\": \"...\"}}."
  },
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {
      "partnerToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A partner's API token (nzp_ and 43 characters), made in the partner portal (/partner/) or with `newszone token create`. It works for every zone of its partner."
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {
              "status": {"type": "integer"},
              "message": {"type": "string", "description": "What went wrong and what to do next."}
            }
          }
        }
      },
      "PushItem": {
        "type": "object",
        "required": ["index", "status"],
        "properties": {
          "index": {"type": "integer", "description": "Position of the item in the document, from 0."},
          "status": {"type": "string", "enum": ["created", "updated", "unchanged", "duplicate", "failed"]},
          "guid": {"type": "string"},
          "id": {"type": "integer", "description": "The article's id on the site."},
          "version": {"type": "integer"},
          "article_status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "url": {"type": "string", "description": "The article's page."},
          "duplicate_of": {"type": "integer"},
          "error": {"type": "string", "description": "Why a failed item was not stored."}
        }
      },
      "PushReport": {
        "type": "object",
        "required": ["delivery", "format", "created", "updated", "unchanged", "duplicates", "failed", "items"],
        "properties": {
          "delivery": {"type": "integer", "description": "The delivery's id in the partner's delivery log."},
          "format": {"type": "string", "description": "The format read: ninjs, rss, atom, json-feed, ..."},
          "created": {"type": "integer"},
          "updated": {"type": "integer", "description": "Items that became a new version of an article."},
          "unchanged": {"type": "integer"},
          "duplicates": {"type": "integer"},
          "failed": {"type": "integer"},
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/PushItem"}},
          "warnings": {"type": "array", "items": {"type": "string"}},
          "error": {"$ref": "#/components/schemas/Error/properties/error"}
        }
      },
      "SearchResult": {
        "type": "object",
        "required": ["id", "url", "headline", "standfirst", "published", "section", "snippet_html", "partner"],
        "properties": {
          "id": {"type": "integer"},
          "url": {"type": "string"},
          "headline": {"type": "string"},
          "standfirst": {"type": "string"},
          "published": {"type": "string", "format": "date-time"},
          "section": {
            "type": "object",
            "required": ["slug", "title"],
            "properties": {"slug": {"type": "string"}, "title": {"type": "string"}}
          },
          "snippet_html": {"type": "string", "description": "Escaped text with the matched words in <mark>."},
          "partner": {
            "description": "The partner who supplied a partner zone's article; null for the site's own.",
            "oneOf": [
              {"type": "null"},
              {"type": "object", "required": ["name", "url"],
               "properties": {"name": {"type": "string"}, "url": {"type": "string"}}}
            ]
          }
        }
      },
      "SearchResponse": {
        "type": "object",
        "required": ["query", "page", "per_page", "total_estimate", "suggestion", "notices", "results"],
        "properties": {
          "query": {"type": "string"},
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total_estimate": {"type": "integer"},
          "suggestion": {"type": ["string", "null"], "description": "Did you mean ...?"},
          "notices": {"type": "array", "items": {"type": "string"}},
          "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}}
        }
      },
      "Zone": {
        "type": "object",
        "required": ["id", "slug", "title", "description", "url", "moderation", "noindex", "contract_start", "contract_end"],
        "properties": {
          "id": {"type": "integer"},
          "slug": {"type": "string", "description": "Names the zone in ?zone= and in the push path."},
          "title": {"type": "string"},
          "description": {"type": "string"},
          "url": {"type": "string", "description": "The zone's page on the site."},
          "moderation": {"type": "string", "enum": ["auto-publish", "hold-for-review"]},
          "noindex": {"type": "boolean"},
          "contract_start": {"type": ["string", "null"], "format": "date"},
          "contract_end": {"type": ["string", "null"], "format": "date"}
        }
      },
      "ZoneList": {
        "type": "object",
        "required": ["zones"],
        "properties": {"zones": {"type": "array", "items": {"$ref": "#/components/schemas/Zone"}}}
      },
      "ArticleSummary": {
        "type": "object",
        "required": ["id", "zone", "guid", "headline", "status", "version", "url", "published", "updated", "ingested", "embargo_until", "duplicate_of", "withdrawn_at"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string", "description": "The zone's slug."},
          "guid": {"type": "string", "description": "The item's identity as delivered."},
          "headline": {"type": "string"},
          "status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "version": {"type": "integer", "description": "The current version, from 1."},
          "url": {"type": "string", "description": "The article's page (readers see it only while published)."},
          "published": {"type": "string", "format": "date-time"},
          "updated": {"type": "string", "format": "date-time"},
          "ingested": {"type": "string", "format": "date-time", "description": "When the site first received it."},
          "embargo_until": {"type": ["string", "null"], "format": "date-time"},
          "duplicate_of": {"type": ["integer", "null"], "description": "Set when it is a near-duplicate of another article: kept, never listed."},
          "withdrawn_at": {"type": ["string", "null"], "format": "date-time"}
        }
      },
      "ArticleList": {
        "type": "object",
        "required": ["page", "per_page", "total", "articles"],
        "properties": {
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total": {"type": "integer", "description": "Matching articles on all pages."},
          "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}}
        }
      },
      "ArticleVersion": {
        "type": "object",
        "required": ["version", "created", "delivery", "headline", "standfirst"],
        "properties": {
          "version": {"type": "integer"},
          "created": {"type": "string", "format": "date-time"},
          "delivery": {"type": ["integer", "null"], "description": "The delivery it arrived in (GET /api/v1/deliveries); null when made on the site."},
          "headline": {"type": "string"},
          "standfirst": {"type": "string"}
        }
      },
      "Article": {
        "type": "object",
        "required": ["id", "zone", "guid", "headline", "status", "version", "url", "published", "updated", "ingested", "embargo_until", "duplicate_of", "withdrawn_at", "standfirst", "body_html", "author", "language", "original_url", "versions"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string"},
          "guid": {"type": "string"},
          "headline": {"type": "string"},
          "status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "version": {"type": "integer"},
          "url": {"type": "string"},
          "published": {"type": "string", "format": "date-time"},
          "updated": {"type": "string", "format": "date-time"},
          "ingested": {"type": "string", "format": "date-time"},
          "embargo_until": {"type": ["string", "null"], "format": "date-time"},
          "duplicate_of": {"type": ["integer", "null"]},
          "withdrawn_at": {"type": ["string", "null"], "format": "date-time"},
          "standfirst": {"type": "string"},
          "body_html": {"type": "string", "description": "As stored: sanitized."},
          "author": {"type": "string"},
          "language": {"type": "string"},
          "original_url": {"type": "string"},
          "versions": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleVersion"}, "description": "Every version, oldest first."}
        }
      },
      "Delivery": {
        "type": "object",
        "required": ["id", "received", "zone", "way", "token_id", "source_id", "origin", "bytes", "sha256", "format", "items", "created", "updated", "unchanged", "duplicates", "failed", "result", "error"],
        "properties": {
          "id": {"type": "integer"},
          "received": {"type": "string", "format": "date-time"},
          "zone": {"type": "string"},
          "way": {"type": "string", "enum": ["push", "poll", "import"]},
          "token_id": {"type": ["integer", "null"], "description": "The token that pushed it."},
          "source_id": {"type": ["integer", "null"], "description": "The source polled."},
          "origin": {"type": "string", "description": "The token's display form, the URL polled, or the file imported."},
          "bytes": {"type": "integer"},
          "sha256": {"type": "string", "description": "Hex SHA-256 of the exact bytes received."},
          "format": {"type": "string", "description": "The format read; empty when nothing could be read."},
          "items": {"type": "integer"},
          "created": {"type": "integer"},
          "updated": {"type": "integer"},
          "unchanged": {"type": "integer"},
          "duplicates": {"type": "integer"},
          "failed": {"type": "integer"},
          "result": {"type": "string", "enum": ["ok", "in progress", "failed"]},
          "error": {"type": ["string", "null"], "description": "What went wrong, when the result is failed."}
        }
      },
      "DeliveryList": {
        "type": "object",
        "required": ["page", "per_page", "total", "deliveries"],
        "properties": {
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total": {"type": "integer"},
          "deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}}
        }
      },
      "Source": {
        "type": "object",
        "required": ["id", "zone", "url", "enabled", "every_seconds", "status", "last_attempt", "last_success", "last_error", "consecutive_failures", "next_poll", "gone"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string"},
          "url": {"type": "string"},
          "enabled": {"type": "boolean"},
          "every_seconds": {"type": "integer"},
          "status": {"type": "string", "enum": ["disabled", "gone", "failing", "quiet", "new", "ok"]},
          "last_attempt": {"type": ["string", "null"], "format": "date-time"},
          "last_success": {"type": ["string", "null"], "format": "date-time"},
          "last_error": {"type": ["string", "null"], "description": "Why the last fetch failed; null when it succeeded."},
          "consecutive_failures": {"type": "integer"},
          "next_poll": {"type": "string", "format": "date-time"},
          "gone": {"type": "boolean", "description": "The feed answered 410 Gone and is no longer polled."}
        }
      },
      "SourceList": {
        "type": "object",
        "required": ["sources"],
        "properties": {"sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}
      }
    },
    "parameters": {
      "zone": {"name": "zone", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this zone of yours (its slug); another partner's zone is 404."},
      "page": {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
      "per_page": {"name": "per_page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
    },
    "responses": {
      "Error": {
        "description": "An error, explained.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      }
    }
  },
  "paths": {
    "/api/v1/zones/{zone}/articles": {
      "post": {
        "operationId": "pushArticles",
        "summary": "Push articles into one of your zones",
        "description": "The body is one ninjs item, an array of them, ninjs as JSON lines, or a whole RSS, RDF, Atom or JSON Feed document. Each item is stored on its own (its identity: guid, else link, else a hash of its content); a changed item becomes a new version, an unchanged one writes nothing. Partner HTML is sanitized.",
        "security": [{"partnerToken": []}],
        "parameters": [
          {"name": "zone", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The zone's slug, e.g. china-news-zone."},
          {"name": "atomic", "in": "query", "required": false, "schema": {"type": "string", "enum": ["1", "true"]}, "description": "Store every item or none."}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {"schema": {}},
            "application/ninjs+json": {"schema": {}},
            "application/x-ndjson": {"schema": {}},
            "application/jsonl": {"schema": {}},
            "application/feed+json": {"schema": {}},
            "application/rss+xml": {"schema": {}},
            "application/atom+xml": {"schema": {}},
            "application/rdf+xml": {"schema": {}},
            "application/xml": {"schema": {}},
            "text/xml": {"schema": {}}
          }
        },
        "responses": {
          "201": {"description": "At least one article was created.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushReport"}}}},
          "200": {"description": "Stored, but nothing new was created (versions, unchanged, duplicates).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushReport"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"},
          "415": {"$ref": "#/components/responses/Error"},
          "422": {"description": "Nothing could be stored; the report says why per item.", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/PushReport"}, {"$ref": "#/components/schemas/Error"}]}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/zones": {
      "get": {
        "operationId": "listZones",
        "summary": "Your zones",
        "security": [{"partnerToken": []}],
        "responses": {
          "200": {"description": "The zones of the token's partner.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ZoneList"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/articles": {
      "get": {
        "operationId": "listArticles",
        "summary": "Your zones' articles, in every status",
        "description": "What you delivered and what became of it: published, pending review, draft or withdrawn. Most recently received first.",
        "security": [{"partnerToken": []}],
        "parameters": [
          {"$ref": "#/components/parameters/zone"},
          {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]}},
          {"$ref": "#/components/parameters/page"},
          {"$ref": "#/components/parameters/per_page"}
        ],
        "responses": {
          "200": {"description": "One page of articles.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArticleList"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/articles/{id}": {
      "get": {
        "operationId": "getArticle",
        "summary": "One of your articles, with every version",
        "security": [{"partnerToken": []}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}
        ],
        "responses": {
          "200": {"description": "The article as it stands, and its versions.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"description": "No such article in your zones (another partner's is not yours either).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/deliveries": {
      "get": {
        "operationId": "listDeliveries",
        "summary": "Your delivery log",
        "description": "Every document received for your zones, pushed, polled or imported, newest first, with what became of its items.",
        "security": [{"partnerToken": []}],
        "parameters": [
          {"$ref": "#/components/parameters/zone"},
          {"$ref": "#/components/parameters/page"},
          {"$ref": "#/components/parameters/per_page"}
        ],
        "responses": {
          "200": {"description": "One page of the log.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeliveryList"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/sources": {
      "get": {
        "operationId": "listSources",
        "summary": "The feeds the site polls for your zones",
        "description": "Each with its fetch status and last error.",
        "security": [{"partnerToken": []}],
        "parameters": [{"$ref": "#/components/parameters/zone"}],
        "responses": {
          "200": {"description": "The sources.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourceList"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/search": {
      "get": {
        "operationId": "search",
        "summary": "Search the published articles",
        "parameters": [
          {"name": "q", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 500}, "description": "Words; \"phrases\", AND, OR, NOT, -word, headline:word, author:name."},
          {"name": "section", "in": "query", "required": false, "schema": {"type": "string"}, "description": "A section's or zone's slug."},
          {"name": "topic", "in": "query", "required": false, "schema": {"type": "string"}, "description": "A topic's slug."},
          {"name": "from", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
          {"name": "to", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
          {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1}}
        ],
        "responses": {
          "200": {"description": "One page of results, 10 a page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {}}}}}
      }
    }
  }
}
)json";

}  // namespace

http::Response openapi_document() {
  auto response = http::Response::json(200, std::string(kOpenApi));
  response.set_header("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace nz::api
