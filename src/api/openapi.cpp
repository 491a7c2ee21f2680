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
    "description": "Partners push articles into their zones with a bearer token; anyone may search the published articles. Errors are JSON: {\"error\": {\"status\": N, \"message\": \"...\"}}."
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
      }
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
